import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestResult } from 'allure-js-commons';
import { parseEnvInfo } from 'allure-js-commons/sdk/reporter';
import { HOSTILE_TEXT, resultsFrom, sampleResults, scenario } from '../testing/sample-results.ts';
import type { RunResults } from '../results-schema.ts';
import { attachmentsFromOutputDir, insideDir } from './allure-attachments.ts';
import { PCAP_CONTENT_TYPE, writeAllureResults } from './write-allure-results.ts';

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-allure-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A run output directory with a pcapng per traced scenario and one console log. */
async function outputDir(root: string, results: RunResults): Promise<void> {
  for (const s of results.scenarios) {
    if (!s.trace) continue;
    await mkdir(join(root, 'traces'), { recursive: true });
    await writeFile(join(root, s.trace), Buffer.from([0x0a, 0x0d, 0x0d, 0x0a, ...Buffer.from(s.id)]));
  }
  await mkdir(join(root, 'logs'), { recursive: true });
  await writeFile(join(root, 'logs', 'observe-pmin.log'), 'boot\nnotify /3303/0/5700\n');
}

async function readResultsBack(dir: string): Promise<Map<string, TestResult>> {
  const files = (await readdir(dir)).filter((n) => n.endsWith('-result.json'));
  const all = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as TestResult));
  return new Map(all.map((r) => [r.fullName ?? '', r]));
}

function labelValues(result: TestResult, name: string): string[] {
  return result.labels.filter((l) => l.name === name).map((l) => l.value);
}

test('one result per scenario with the verdict mapped to an Allure status and a message naming the verdict', async (t) => {
  const dir = await tempDir(t);
  const results = sampleResults();
  const written = await writeAllureResults(join(dir, 'allure-results'), results);
  const back = await readResultsBack(join(dir, 'allure-results'));
  assert.equal(back.size, results.scenarios.length);
  assert.equal(written.resultFiles.length, results.scenarios.length);
  const expected: Record<string, [string, RegExp]> = {
    'registration/register-basic': ['passed', /^pass: every check held/],
    'reporting/observe-pmin': ['failed', /^fail: a notification came 0\.4 s/],
    'reporting/observe-pmax': ['passed', /^passed with warning: .*\nwarning server-default-pmin-ignored: /],
    'firmware/push-update': ['skipped', /^inconclusive: the device profile supplies no firmware package/],
    'transport/sms-registration': ['skipped', /^not-supported: /],
    'ffs/hlf-018': ['skipped', /^not-applicable: FFS/],
    'security/dtls-psk-register': ['broken', /^error: power relay did not answer/],
  };
  for (const [id, [status, message]] of Object.entries(expected)) {
    const r = back.get(id);
    assert.ok(r, id);
    assert.equal(r.status, status, id);
    assert.match(r.statusDetails.message ?? '', message, id);
    assert.equal(r.stage, 'finished');
  }
  // The failed check is what the status trace shows; an error shows its lab events.
  assert.equal(back.get('reporting/observe-pmin')?.statusDetails.trace, 'FAILED gap between notifications (s): expected >= 10, observed 0.4');
  assert.match(back.get('security/dtls-psk-register')?.statusDetails.trace ?? '', /power at 0\.200 s: power off \(relay 2: no answer/);
});

test('labels trace requirement -> ETS case and place the scenario in suites', async (t) => {
  const dir = await tempDir(t);
  const results = sampleResults();
  results.requirements = results.requirements.map((r) =>
    r.id === 'LightweightM2M-HLF-020' ? { ...r, interface: 'Information Reporting' } : r,
  );
  await writeAllureResults(dir, results);
  const observe = (await readResultsBack(dir)).get('reporting/observe-pmin');
  assert.ok(observe);
  // HLF-020 has an interface; HLF-022 has none in these results and falls back to its RD group.
  assert.deepEqual(labelValues(observe, 'epic'), ['Information Reporting', 'High-Level Functional']);
  assert.deepEqual(labelValues(observe, 'feature'), ['HLF-020 Event-triggered reporting', 'HLF-022 Reporting period configuration']);
  assert.deepEqual(labelValues(observe, 'story'), ['LightweightM2M-1.0-int-301']);
  assert.deepEqual(labelValues(observe, 'parentSuite'), ['emulated-conformant']);
  assert.deepEqual(labelValues(observe, 'suite'), ['reporting']);
  assert.deepEqual(labelValues(observe, 'subSuite'), ['observe-pmin']);
  assert.deepEqual(labelValues(observe, 'tag'), ['HLF-020', 'HLF-022', 'virtual-clock']);
  assert.equal(observe.name, 'Notifications respect pmin');
});

test('historyId and testCaseId follow the scenario id across runs; file names follow the run', async (t) => {
  const dir = await tempDir(t);
  await writeAllureResults(join(dir, 'a'), sampleResults());
  await writeAllureResults(join(dir, 'b'), sampleResults({ run: { id: 'run-2', seed: 7 } }));
  const a = await readResultsBack(join(dir, 'a'));
  const b = await readResultsBack(join(dir, 'b'));
  const ids = new Set<string>();
  for (const [id, first] of a) {
    const second = b.get(id);
    assert.ok(second && first.historyId, id);
    assert.equal(second.historyId, first.historyId, id);
    assert.equal(second.testCaseId, first.testCaseId, id);
    assert.notEqual(second.uuid, first.uuid, id);
    ids.add(first.historyId);
  }
  assert.equal(ids.size, a.size, 'every scenario has its own historyId');
});

test('each expectation is a step with expected and observed parameters and its own status', async (t) => {
  const dir = await tempDir(t);
  await writeAllureResults(dir, sampleResults());
  const back = await readResultsBack(dir);
  const [check, exchange, consoleStep] = back.get('reporting/observe-pmin')?.steps ?? [];
  assert.equal(check?.name, 'gap between notifications (s)');
  assert.equal(check?.status, 'failed');
  assert.deepEqual(check?.parameters, [
    { name: 'expected', value: '>= 10' },
    { name: 'observed', value: '0.4' },
  ]);
  assert.equal(exchange?.name, 'exchange: Observe /3303/0/5700 with pmin=10');
  assert.equal(exchange?.steps.length, 5);
  assert.equal(exchange?.steps[4]?.name, '+0.430 s  device -> server  NON 2.05 Content obs=2 4B');
  // Control characters from the device are made visible, markup is left to Allure's own escaping.
  assert.ok(!consoleStep?.steps[0]?.name?.includes('\u0007'));
  assert.match(consoleStep?.steps[0]?.name ?? '', /\\x07/);
  const passedCheck = back.get('registration/register-basic')?.steps[0];
  assert.equal(passedCheck?.status, 'passed');
  assert.deepEqual(passedCheck?.parameters.map((p) => p.value), ['urn:dev:emu-001', 'urn:dev:emu-001']);
});

test('trace, console log and evidence text are attached with their content types', async (t) => {
  const out = await tempDir(t);
  const results = sampleResults();
  const observe = results.scenarios.find((s) => s.id === 'reporting/observe-pmin');
  assert.ok(observe);
  observe.consoleLog = 'logs/observe-pmin.log';
  await outputDir(out, results);
  const dir = join(out, 'allure-results');
  const written = await writeAllureResults(dir, results, attachmentsFromOutputDir(out));
  assert.deepEqual(written.missing, []);
  const r = (await readResultsBack(dir)).get('reporting/observe-pmin');
  assert.ok(r);
  assert.deepEqual(
    r.attachments.map((a) => [a.name, a.type]),
    [
      ['evidence', 'text/plain'],
      ['trace: reporting_observe-pmin.pcapng', PCAP_CONTENT_TYPE],
      ['console log: observe-pmin.log', 'text/plain'],
    ],
  );
  const [evidence, trace, log] = await Promise.all(r.attachments.map((a) => readFile(join(dir, a.source))));
  assert.match(trace?.subarray(4).toString() ?? '', /^reporting\/observe-pmin$/);
  assert.equal(log?.toString(), 'boot\nnotify /3303/0/5700\n');
  const text = evidence?.toString() ?? '';
  assert.match(text, /^Scenario: reporting\/observe-pmin: Notifications respect pmin\nVerdict: fail\n/);
  assert.match(text, /Evidence:\nFAILED gap between notifications \(s\): expected >= 10, observed 0\.4\n/);
  assert.match(text, /\+0\.430 s {2}device -> server {2}NON 2\.05 Content obs=2 4B/);
  assert.ok(!text.includes('\u0007'), 'control characters are made visible');
  assert.equal(written.attachments, (await readdir(dir)).filter((n) => n.includes('-attachment.')).length);
});

test('a trace that is not on disk is reported and noted, not fatal; paths out of the output dir are refused', async (t) => {
  const out = await tempDir(t);
  const results = resultsFrom([
    scenario({ id: 'a/one', verifies: ['LightweightM2M-HLF-001'], verdict: 'pass', trace: 'traces/missing.pcapng' }),
    scenario({ id: 'a/two', verifies: ['LightweightM2M-HLF-002'], verdict: 'pass', trace: '../../etc/passwd' }),
  ]);
  const written = await writeAllureResults(join(out, 'ar'), results, attachmentsFromOutputDir(out));
  assert.deepEqual(written.missing, [{ scenario: 'a/one', what: 'trace', file: join(out, 'traces/missing.pcapng') }]);
  const one = (await readResultsBack(join(out, 'ar'))).get('a/one');
  assert.match(one?.description ?? '', /Note: the trace missing\.pcapng was not found/);
  assert.equal(insideDir(out, '../x'), undefined);
  assert.equal(insideDir(out, '/etc/passwd'), undefined);
  assert.equal(insideDir(out, 'file:///etc/passwd'), undefined);
  assert.equal(insideDir(out, 'traces/../traces/a.pcapng'), join(out, 'traces', 'a.pcapng'));
});

test('environment, categories and executor describe the run', async (t) => {
  const dir = await tempDir(t);
  const results = sampleResults({ run: { shard: { index: 2, count: 3 } } });
  results.run.device.fault = 'notify-before-pmin';
  await writeAllureResults(dir, results);
  const env = parseEnvInfo(await readFile(join(dir, 'environment.properties'), 'utf8'));
  assert.deepEqual(
    { Device: env.Device, Endpoint: env.Endpoint, Firmware: env.Firmware, Seed: env.Seed, Clock: env.Clock },
    { Device: 'emulated-conformant', Endpoint: 'urn:dev:emu-001', Firmware: '1.0.3', Seed: '42', Clock: 'virtual' },
  );
  assert.equal(env['Harness version'], '0.1.0');
  assert.equal(env['Fault profile'], 'notify-before-pmin');
  assert.equal(env.Shard, '2/3');
  const categories = JSON.parse(await readFile(join(dir, 'categories.json'), 'utf8')) as Array<{ name: string; matchedStatuses: string[] }>;
  const byName = new Map(categories.map((c) => [c.name, c.matchedStatuses]));
  assert.deepEqual(byName.get('Device non-conformance'), ['failed']);
  assert.deepEqual(byName.get('Lab or harness failure'), ['broken']);
  assert.deepEqual(byName.get('Not reached'), ['skipped']);
  const executor = JSON.parse(await readFile(join(dir, 'executor.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(executor.buildName, results.run.id);
  const observe = (await readResultsBack(dir)).get('reporting/observe-pmin');
  assert.ok(observe && labelValues(observe, 'tag').includes('fault:notify-before-pmin'));
  assert.deepEqual(labelValues(observe, 'thread'), ['shard 2/3']);
});

test('writing the same run again replaces its files; clean removes other results but keeps history and foreign files', async (t) => {
  const dir = await tempDir(t);
  await writeAllureResults(dir, sampleResults());
  const first = (await readdir(dir)).sort();
  await writeAllureResults(dir, sampleResults());
  assert.deepEqual((await readdir(dir)).sort(), first);

  await mkdir(join(dir, 'history'));
  await writeFile(join(dir, 'history', 'history.json'), '{}');
  await writeFile(join(dir, 'notes.md'), 'keep me');
  const other = resultsFrom([scenario({ id: 'x/only', verifies: ['LightweightM2M-HLF-001'], verdict: 'pass', trace: null })], { run: { id: 'run-other' } });
  await writeAllureResults(dir, other, {}, { clean: true, executor: null });
  const names = await readdir(dir);
  assert.deepEqual([...(await readResultsBack(dir)).keys()], ['x/only']);
  assert.ok(names.includes('history') && names.includes('notes.md'));
  assert.ok(!names.includes('executor.json'));
});

test('hostile text stays data: the HTML description escapes it', async (t) => {
  const dir = await tempDir(t);
  const results = resultsFrom([
    scenario({ id: 'h/1', title: 'hostile', verifies: ['LightweightM2M-HLF-001'], verdict: 'fail', reason: HOSTILE_TEXT }),
  ]);
  await writeAllureResults(dir, results);
  const r = (await readResultsBack(dir)).get('h/1');
  assert.ok(r?.descriptionHtml);
  assert.ok(!r.descriptionHtml.includes('<script>'));
  assert.match(r.descriptionHtml, /&lt;script&gt;alert/);
});
