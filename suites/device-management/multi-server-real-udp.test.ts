/**
 * AZ-033 on the real clock over real UDP (the world a native client or a board gets): the real world's second
 * LwM2M server (RealWorldOptions.secondServer) and the emulated client holding an account for each. The check
 * passes as on the simulated network, and the fault that ignores Access Control fails it there too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatedDevice } from '../../devices/emulated/emulated-device.ts';
import { createRealWorld } from '../../harness/engine/real-world.ts';
import { runConformance } from '../../harness/engine/runner.ts';
import type { RunResults } from '../../reports/results-schema.ts';
import { verdictSummary } from './testing/run-area.ts';
import { scenarios } from './index.ts';

const AZ_033_SCENARIO = 'az-033-access-control-per-server';

async function runOverRealUdp(faults: string[]): Promise<RunResults> {
  const out = await mkdtemp(join(tmpdir(), 'lwm2m-hil-multi-server-real-'));
  try {
    return await runConformance({
      scenarios: scenarios.filter((s) => s.id === AZ_033_SCENARIO),
      device: new EmulatedDevice({ faults, security: 'nosec' }),
      clock: 'real',
      seed: 4,
      selection: {},
      outDir: out,
      version: 'test',
      createWorld: (seed) => createRealWorld({ seed, bind: { host: '127.0.0.1', port: 0 }, secondServer: true }),
    });
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

test('over real UDP the second server is offered and Access Control between the two servers passes', { timeout: 120_000 }, async () => {
  const results = await runOverRealUdp([]);
  assert.equal(results.scenarios.length, 1);
  assert.equal(results.scenarios[0]?.verdict, 'pass', verdictSummary(results));
});

test('over real UDP a device that ignores Access Control fails AZ-033', { timeout: 120_000 }, async () => {
  const results = await runOverRealUdp(['acl-ignored']);
  assert.equal(results.scenarios[0]?.verdict, 'fail', verdictSummary(results));
  assert.equal(results.requirements.find((r) => r.id === 'LightweightM2M-AZ-033')?.verdict, 'fail');
});
