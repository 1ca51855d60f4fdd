// `lwm2m-hil run --clock real`: the emulated client over real UDP on loopback, through the shaping proxy,
// on the wall clock (a few fast scenarios), and the real-clock options' usage errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readResults } from '../../reports/write-results.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'lwm2m-hil.js');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 120_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

test('run --clock real runs the emulated client over loopback UDP and records the real clock', async (t) => {
  const out = await mkdtemp(join(tmpdir(), 'lwm2m-hil-real-'));
  t.after(() => rm(out, { recursive: true, force: true }));
  const { code, stdout, stderr } = await cli(['run', '--clock', 'real', '--bind', '127.0.0.1:0', '--requirement', 'HLF-002,HLF-014', '--out', out]);
  assert.equal(code, 0, `${stdout}\n${stderr}`);
  const results = await readResults(join(out, 'results.json'));
  assert.equal(results.run.clock, 'real');
  assert.ok(results.scenarios.length >= 2);
  for (const s of results.scenarios) assert.equal(s.verdict, 'pass', `${s.id}: ${s.reason}`);
});

test('run rejects a malformed --bind or --link with exit 2', async () => {
  const bind = await cli(['run', '--clock', 'real', '--bind', 'localhost', '--out', join(tmpdir(), 'unused')]);
  assert.equal(bind.code, 2);
  assert.match(bind.stderr, /--bind must be HOST:PORT/);
  const link = await cli(['run', '--clock', 'real', '--link', 'sideways', '--out', join(tmpdir(), 'unused')]);
  assert.equal(link.code, 2);
  assert.match(link.stderr, /--link \(proxy\|direct\|HOST:PORT\) must be HOST:PORT/);
});
