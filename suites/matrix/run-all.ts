/**
 * Runs every suite against the emulated client (optionally with faults) in fresh virtual worlds: the basis of
 * the project-wide proofs that the conformant client gives no `fail` and that each fault fails exactly the
 * requirements it breaks (DESIGN §3.7).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatedDevice } from '../../devices/emulated/emulated-device.ts';
import { runConformance } from '../../harness/engine/runner.ts';
import { createVirtualWorld } from '../../harness/engine/virtual-world.ts';
import type { RunResults } from '../../reports/results-schema.ts';
import type { ShapingProfile } from '../../harness/net/impairment.ts';
import { allScenarios } from '../index.ts';

export async function runAllSuites(faults: readonly string[], seed = 1, options: { deviceLink?: ShapingProfile; shard?: { index: number; count: number } } = {}): Promise<RunResults> {
  const out = await mkdtemp(join(tmpdir(), 'lwm2m-hil-matrix-'));
  try {
    return await runConformance({
      scenarios: allScenarios(),
      device: new EmulatedDevice({ faults }),
      clock: 'virtual',
      seed,
      selection: options.shard ? { shard: options.shard } : {},
      outDir: out,
      version: 'test',
      runId: `matrix-${faults.join('+') || 'conformant'}`,
      createWorld: (s) => createVirtualWorld({ seed: s, ...(options.deviceLink ? { deviceLink: options.deviceLink } : {}) }),
      ...(faults.length > 0 ? { fault: faults.join('+') } : {}),
    });
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** requirement id -> verdict. */
export function requirementVerdicts(results: RunResults): Record<string, string> {
  return Object.fromEntries(results.requirements.map((r) => [r.id, r.verdict]));
}

/** "scenario: failed check" lines, for assertion messages. */
export function failureLines(results: RunResults): string[] {
  return results.scenarios
    .filter((s) => s.verdict === 'fail' || s.verdict === 'error')
    .map((s) => `${s.id} [${s.verifies.join(',')}] ${s.verdict}: ${s.reason}`);
}
