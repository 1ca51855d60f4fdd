import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ResultsFileError } from './errors.ts';
import { readResults, writeResultsAtomically, writeResultsAtomicallySync } from './write-results.ts';
import { sampleResults } from './testing/sample-results.ts';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-reports-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('written results read back equal and leave no temp file', () =>
  withDir(async (dir) => {
    const results = sampleResults();
    const file = await writeResultsAtomically(dir, results);
    assert.equal(file, join(dir, 'results.json'));
    assert.deepEqual(await readResults(file), results);
    assert.deepEqual(await readdir(dir), ['results.json']);
  }));

test('a rewrite replaces the file whole (sync and async)', () =>
  withDir(async (dir) => {
    const first = sampleResults();
    await writeResultsAtomically(dir, first);
    const second = sampleResults({ run: { finishedAt: null, seed: 7 } });
    writeResultsAtomicallySync(dir, second);
    const read = await readResults(join(dir, 'results.json'));
    assert.equal(read.run.seed, 7);
    assert.equal(read.run.finishedAt, null);
    assert.deepEqual(await readdir(dir), ['results.json']);
  }));

test('invalid results are refused before anything is written', () =>
  withDir(async (dir) => {
    const bad = sampleResults();
    (bad.scenarios[1] as { verdict: string }).verdict = 'broken';
    await assert.rejects(writeResultsAtomically(dir, bad), (err: unknown) => {
      assert.ok(err instanceof ResultsFileError);
      assert.equal(err.field, 'scenarios[1].verdict');
      return true;
    });
    assert.deepEqual(await readdir(dir), []);
  }));

test('readResults names the file and the first bad field', () =>
  withDir(async (dir) => {
    const file = join(dir, 'results.json');
    const bad = structuredClone(sampleResults()) as unknown as { run: { device: { kind: string } } };
    bad.run.device.kind = 'toaster';
    await writeFile(file, JSON.stringify(bad));
    await assert.rejects(readResults(file), (err: unknown) => {
      assert.ok(err instanceof ResultsFileError);
      assert.equal(err.file, file);
      assert.equal(err.field, 'run.device.kind');
      assert.match(err.message, /results\.json: run\.device\.kind: /);
      return true;
    });
  }));

test('readResults rejects a file that is not JSON and one that is missing', () =>
  withDir(async (dir) => {
    const truncated = join(dir, 'truncated.json');
    await writeFile(truncated, (await readFile(await writeResultsAtomically(dir, sampleResults()), 'utf8')).slice(0, 100));
    await assert.rejects(readResults(truncated), /truncated\.json: not JSON/);
    await assert.rejects(readResults(join(dir, 'absent.json')), /absent\.json: cannot read/);
  }));

test('a writer killed at any moment leaves a valid results.json', () =>
  withDir(async (dir) => {
    const script = fileURLToPath(new URL('./testing/rewrite-loop.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir, '5000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Kill it with SIGKILL after 30 completed writes: the next write is most likely in progress.
    let lines = 0;
    for await (const chunk of child.stdout) {
      lines += String(chunk).split('\n').length - 1;
      if (lines >= 30) break;
    }
    child.kill('SIGKILL');
    assert.ok(lines >= 30, 'the writer stopped before 30 writes');
    await exited;
    const read = await readResults(join(dir, 'results.json'));
    assert.ok(read.scenarios.length >= sampleResults().scenarios.length);
  }));
