import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REQUIREMENT_IDS } from '../../harness/engine/requirement-ids.ts';
import { failureLines, runAllSuites } from './run-all.ts';

test('every suite against the conformant emulated client: every requirement has a verdict and none fails', async () => {
  const results = await runAllSuites([]);
  assert.deepEqual(results.requirements.map((r) => r.id).sort(), [...REQUIREMENT_IDS].sort());
  assert.equal(results.summary.fail, 0, failureLines(results).join('\n'));
  assert.equal(results.summary.error, 0, failureLines(results).join('\n'));
  const ffs = results.requirements.filter((r) => r.release === 'FFS');
  assert.ok(ffs.length === 3 && ffs.every((r) => r.verdict === 'not-applicable'));
});

test('the same seed gives identical verdicts', async () => {
  const a = await runAllSuites([], 42);
  const b = await runAllSuites([], 42);
  assert.deepEqual(
    b.scenarios.map((s) => [s.id, s.verdict, s.reason]),
    a.scenarios.map((s) => [s.id, s.verdict, s.reason]),
  );
});

test('the same seed gives byte-identical CoAP traces, notifications included', async (t) => {
  // Two runs in one process: node-coap's shared message-id counter moves on between them, so this fails unless
  // the emulated client numbers its notifications from its own seed (devices/emulated/response-message-ids.ts).
  const { mkdtemp, readFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { runConformance } = await import('../../harness/engine/runner.ts');
  const { createVirtualWorld } = await import('../../harness/engine/virtual-world.ts');
  const { EmulatedDevice } = await import('../../devices/emulated/emulated-device.ts');
  const { scenarios } = await import('../reporting/index.ts');
  const dirs = [await mkdtemp(join(tmpdir(), 'lwm2m-hil-det-')), await mkdtemp(join(tmpdir(), 'lwm2m-hil-det-'))];
  t.after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const runs = [];
  for (const outDir of dirs) {
    runs.push(await runConformance({
      scenarios, device: new EmulatedDevice(), clock: 'virtual', seed: 7, selection: {}, outDir, version: 'test',
      createWorld: (s) => createVirtualWorld({ seed: s }),
    }));
  }
  const [first] = runs;
  assert.ok(first);
  let notifications = 0;
  for (const s of first.scenarios) {
    assert.ok(s.trace, `${s.id} wrote a trace`);
    const [a, b] = await Promise.all(dirs.map((d) => readFile(join(d, s.trace as string))));
    assert.ok(a && b && a.equals(b), `trace of ${s.id} differs between two runs with the same seed`);
    if (s.id.startsWith('LightweightM2M-1.0-int-301')) notifications += 1;
  }
  assert.ok(notifications > 0, 'the compared traces include notification scenarios');
});
