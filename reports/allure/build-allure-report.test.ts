import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleResults } from '../testing/sample-results.ts';
import { AllureResultsError, AllureToolMissingError } from './allure-errors.ts';
import { buildAllureReport } from './build-allure-report.ts';
import { findAllureCli, findJava } from './find-allure-tools.ts';
import { writeAllureResults } from './write-allure-results.ts';

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-allure-report-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('the bundled Allure command line is found inside allure-commandline', () => {
  const cli = findAllureCli();
  assert.match(cli, /allure-commandline[\\/]dist[\\/]bin[\\/]allure(\.bat)?$/);
  assert.ok(existsSync(cli));
});

test('without Java the build fails with a typed error that says java is missing', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'results'));
  const noJava = { PATH: join(dir, 'empty-bin') };
  assert.equal(findJava(noJava), undefined);
  await assert.rejects(buildAllureReport(join(dir, 'results'), join(dir, 'report'), { env: noJava }), (err: unknown) => {
    assert.ok(err instanceof AllureToolMissingError);
    assert.equal(err.tool, 'java');
    assert.equal(err.origin, 'lab');
    assert.match(err.message, /java is missing \(no java on PATH and JAVA_HOME is not set/);
    return true;
  });
  const badHome = { PATH: '', JAVA_HOME: join(dir, 'no-jdk') };
  await assert.rejects(buildAllureReport(join(dir, 'results'), join(dir, 'report'), { env: badHome }), /JAVA_HOME is .*no-jdk but it holds no bin\/java/);
});

test('a report directory that holds the results, or missing results, is refused before anything runs', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'out', 'allure-results'), { recursive: true });
  await assert.rejects(buildAllureReport(join(dir, 'out', 'allure-results'), join(dir, 'out')), AllureResultsError);
  await assert.rejects(buildAllureReport(join(dir, 'nowhere'), join(dir, 'report')), /no Allure results directory/);
  assert.ok(existsSync(join(dir, 'out', 'allure-results')), 'nothing was deleted');
});

test('generates the HTML report, and a second build carries the first one\'s history into the trend', async (t) => {
  if (!findJava()) {
    t.skip('java is not installed (no JAVA_HOME, no java on PATH): the Allure command line cannot run');
    return;
  }
  const dir = await tempDir(t);
  await writeAllureResults(join(dir, 'results-1'), sampleResults());
  const first = await buildAllureReport(join(dir, 'results-1'), join(dir, 'report-1'), { historyFrom: join(dir, 'no-previous-report') });
  assert.equal(first.historyCopied, false);
  assert.ok((await stat(first.indexHtml)).isFile());
  assert.ok((await stat(join(dir, 'report-1', 'data'))).isDirectory());
  const suites = JSON.parse(await readFile(join(dir, 'report-1', 'data', 'suites.json'), 'utf8')) as { children: Array<{ name: string }> };
  assert.deepEqual(suites.children.map((c) => c.name), ['emulated-conformant']);
  const categories = JSON.parse(await readFile(join(dir, 'report-1', 'data', 'categories.json'), 'utf8')) as { children: Array<{ name: string }> };
  const names = categories.children.map((c) => c.name);
  for (const name of ['Device non-conformance', 'Lab or harness failure', 'Not reached']) assert.ok(names.includes(name), name);

  await writeAllureResults(join(dir, 'results-2'), sampleResults({ run: { id: 'run-2' } }));
  const second = await buildAllureReport(join(dir, 'results-2'), join(dir, 'report-2'), { historyFrom: join(dir, 'report-1') });
  assert.equal(second.historyCopied, true);
  const trend = JSON.parse(await readFile(join(dir, 'report-2', 'history', 'history-trend.json'), 'utf8')) as Array<{ data: { total: number; failed: number; broken: number } }>;
  assert.equal(trend.length, 2);
  for (const entry of trend) assert.deepEqual([entry.data.total, entry.data.failed, entry.data.broken], [8, 1, 1]);
});
