import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { readResults } from './write-results.ts';
import { writeReports } from './write-reports.ts';
import { sampleResults } from './testing/sample-results.ts';

test('writeReports writes results, matrix.md, matrix.html and junit.xml into a new directory', async () => {
  const root = await mkdtemp(join(tmpdir(), 'lwm2m-hil-reports-'));
  try {
    const dir = join(root, 'out');
    const results = sampleResults();
    const paths = await writeReports(dir, results);
    assert.deepEqual((await readdir(dir)).sort(), ['junit.xml', 'matrix.html', 'matrix.md', 'results.json']);
    assert.deepEqual(await readResults(paths.results), results);
    assert.match(await readFile(paths.markdown, 'utf8'), /^# LwM2M 1\.0 conformance matrix/);
    assert.match(await readFile(paths.html, 'utf8'), /^<!doctype html>/);
    assert.equal(XMLValidator.validate(await readFile(paths.junit, 'utf8')), true);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('invalid results write no report at all', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-reports-'));
  try {
    const bad = sampleResults();
    bad.run.seed = -1;
    await assert.rejects(writeReports(dir, bad), /run\.seed/);
    assert.deepEqual(await readdir(dir), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
