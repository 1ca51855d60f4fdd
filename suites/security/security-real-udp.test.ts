/**
 * The security suite on the real clock over real UDP on loopback (the world a board or a native client gets):
 * its coaps server and coaps bootstrap server are real DTLS sockets, and the emulated client is the device.
 * Every scenario must pass there as it does on the simulated network; a NoSec-only device fails SEC-001's
 * bootstrap check when forced onto plain CoAP.
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
import { verdictSummary } from '../device-management/testing/run-area.ts';
import { scenarios } from './index.ts';

async function runOnRealUdp(faults: string[], only?: (id: string) => boolean): Promise<RunResults> {
  const out = await mkdtemp(join(tmpdir(), 'lwm2m-hil-security-real-'));
  const device = new EmulatedDevice({ faults });
  try {
    return await runConformance({
      scenarios: scenarios.filter((s) => only?.(s.id) ?? true),
      device,
      clock: 'real',
      seed: 3,
      selection: {},
      outDir: out,
      version: 'test',
      createWorld: (seed) => createRealWorld({ seed, bind: { host: '127.0.0.1', port: 0 }, ...(device.psk ? { psk: device.psk } : {}) }),
    });
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

test('every security scenario passes over real UDP with real DTLS sockets (real clock)', { timeout: 120_000 }, async () => {
  const results = await runOnRealUdp([]);
  assert.equal(results.scenarios.length, scenarios.length);
  for (const s of results.scenarios) assert.equal(s.verdict, 'pass', `${s.id}\n${verdictSummary(results)}`);
});

test('over real UDP a device that ignores its coaps bootstrap account fails the secure bootstrap check', { timeout: 120_000 }, async () => {
  const results = await runOnRealUdp(['nosec-only'], (id) => id === 'sec-001-bootstrap-over-dtls');
  const [only] = results.scenarios;
  assert.equal(only?.verdict, 'fail', verdictSummary(results));
  assert.match(only?.reason ?? '', /not DTLS records/);
});
