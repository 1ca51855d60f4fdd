/**
 * How long each scenario takes against the board simulator on the real clock, to hand the longest out first
 * over a pool of boards. Measured on a pool of 6 boards (the whole suite, ~870 s of scenario time with a 30 s
 * lifetime); scenarios not listed took under 1.5 s (most ~0.2 s: boot, Register, a few requests) and count as
 * DEFAULT_ESTIMATE_MS. Only the order matters: a wrong estimate makes a run longer, never wrong.
 */
import type { Scenario } from '../../harness/engine/scenario.ts';

const MEASURED_MS: Readonly<Record<string, number>> = {
  'hlf-031-queue-wake-update': 150_300,
  'LightweightM2M-1.0-int-555-prohibit': 120_200,
  'LightweightM2M-1.0-int-555-restore': 120_200,
  'LightweightM2M-1.0-int-301': 62_200,
  'LightweightM2M-1.0-int-103': 60_200,
  'hlf-036-retransmission': 35_200,
  'LightweightM2M-1.0-int-301-gt-lt': 32_200,
  'hlf-022-pmax-object-level': 26_200,
  'hlf-022-pmax-instance-level': 26_200,
  'LightweightM2M-1.0-int-302': 26_200,
  'LightweightM2M-1.0-int-303': 26_200,
  'LightweightM2M-1.0-int-301-st': 24_200,
  'LightweightM2M-1.0-int-301-pmin': 24_200,
  'hlf-022-server-default-periods': 17_300,
  'hlf-022-pmin-object-level': 12_200,
  'hlf-022-pmin-instance-level': 12_200,
  'LightweightM2M-1.0-int-656': 10_200,
  'LightweightM2M-1.0-int-772': 10_200,
  'LightweightM2M-1.0-int-241': 7_200,
  'LightweightM2M-1.0-int-770': 7_200,
  'LightweightM2M-1.0-int-770-firmware-version': 7_200,
  'LightweightM2M-1.0-int-710': 5_200,
  'LightweightM2M-1.0-int-760': 2_200,
};

/** Scenarios that wait one registration lifetime; their estimate follows the board's lifetime. */
const LIFETIME_BOUND = new Set(['hlf-030-registration-kept-alive']);
export const DEFAULT_ESTIMATE_MS = 500;

export function estimateMs(scenario: Scenario, lifetimeS: number): number {
  if (LIFETIME_BOUND.has(scenario.id)) return lifetimeS * 1000 + 3_200;
  return MEASURED_MS[scenario.id] ?? DEFAULT_ESTIMATE_MS;
}

/**
 * Longest-processing-time-first: each scenario, longest first, goes to the bin with the least estimated work
 * so far (ties to the lowest index). Deterministic for a given list.
 */
export function partitionLongestFirst<T>(items: readonly T[], bins: number, estimate: (item: T) => number): T[][] {
  const out: T[][] = Array.from({ length: Math.max(1, bins) }, () => []);
  const load = out.map(() => 0);
  const ordered = [...items].sort((a, b) => estimate(b) - estimate(a));
  for (const item of ordered) {
    let best = 0;
    for (let i = 1; i < load.length; i++) if ((load[i] as number) < (load[best] as number)) best = i;
    out[best]?.push(item);
    load[best] = (load[best] as number) + estimate(item);
  }
  return out;
}
