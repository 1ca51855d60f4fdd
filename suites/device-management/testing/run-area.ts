/**
 * Test support for the area suites (device management, firmware, registration, reporting, security): runs a
 * list of scenarios against the emulated client (optionally with faults) in fresh virtual worlds, and
 * summarises the verdicts for assertion messages.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConformance } from '../../../harness/engine/runner.ts';
import { createVirtualWorld } from '../../../harness/engine/virtual-world.ts';
import type { Scenario } from '../../../harness/engine/scenario.ts';
import type { DeviceUnderTest } from '../../../harness/engine/device.ts';
import type { RunResults } from '../../../reports/results-schema.ts';
import { EmulatedDevice } from '../../../devices/emulated/emulated-device.ts';

export async function runScenarios(
  scenarios: readonly Scenario[],
  faults: readonly string[] = [],
  seed = 20170208,
  /** device: default the emulated client with `faults`; label: names the run and its scratch folder. */
  options: { device?: DeviceUnderTest; label?: string } = {},
): Promise<RunResults> {
  const label = options.label ?? 'dm';
  const out = await mkdtemp(join(tmpdir(), `lwm2m-hil-${label}-`));
  try {
    return await runConformance({
      scenarios,
      device: options.device ?? new EmulatedDevice({ faults }),
      clock: 'virtual',
      seed,
      selection: {},
      outDir: out,
      version: 'test',
      runId: `${label}-${faults.join('+') || 'conformant'}`,
      createWorld: (s) => createVirtualWorld({ seed: s }),
      ...(faults[0] !== undefined ? { fault: faults[0] } : {}),
    });
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** "scenario: verdict (reason)" lines, for assertion messages. */
export function verdictSummary(results: RunResults): string {
  return results.scenarios.map((s) => `${s.id}: ${s.verdict}${s.reason ? ` (${s.reason})` : ''}`).join('\n');
}

/** scenario id -> "verdict: reason", for assertion messages. */
export function verdictsOf(results: RunResults): Record<string, string> {
  return Object.fromEntries(results.scenarios.map((s) => [s.id, s.reason ? `${s.verdict}: ${s.reason}` : s.verdict]));
}

/** The failed expectations of a run, for assertion messages. */
export function failedChecks(results: RunResults): string[] {
  return results.scenarios.flatMap((s) =>
    s.evidence.filter((e) => e.kind === 'expectation' && !e.ok).map((e) => `${s.id}: ${JSON.stringify(e)}`),
  );
}
