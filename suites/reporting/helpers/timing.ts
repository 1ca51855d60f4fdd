/**
 * Timing windows for notifications. Lower bounds (pmin) give the device the profile's slack; upper bounds
 * (at once, by pmax) also allow the trip through the network and the device's own processing.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';

/** Time a notification may take from the device's decision to the server, on top of the profile's slack. */
export const TRANSIT_ALLOWANCE_MS = 1000;

/** How late a notification may be against the time it is due. */
export function lateSlackMs(ctx: ScenarioContext): number {
  return ctx.tolerances.notifyMs + TRANSIT_ALLOWANCE_MS;
}

/** How early a notification may be against the time it is due (pmin). */
export function earlySlackMs(ctx: ScenarioContext): number {
  return ctx.tolerances.notifyMs;
}

/** Sleeps on the run clock until `at` (returns at once when it has passed). */
export function sleepUntil(ctx: ScenarioContext, at: number): Promise<void> {
  return ctx.sleep(Math.max(0, at - ctx.clock.now()));
}
