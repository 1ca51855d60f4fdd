/**
 * Starting an observation the way every reporting scenario needs it: the device must accept it (2.05 with an
 * Observe option), and pmin/pmax are measured from the moment its first answer reached the server.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import type { JsonValue } from '../../../harness/engine/evidence.ts';
import type { ObservationHandle } from '../../../harness/lwm2m/server/information-reporting.ts';
import type { ReadOptions } from '../../../harness/lwm2m/server/device-management.ts';

export interface StartedObservation {
  handle: ObservationHandle;
  /** Arrival of the first answer on the run clock: the start of the first pmin/pmax period. */
  startedAt: number;
  /** The token the device must echo in every notification of this observation. */
  token: Buffer;
}

/**
 * Observes `path`; a refusal or an answer without Observe option ends the scenario as failed (the device
 * cannot report what it will not observe). The observation is dropped again at teardown.
 */
export async function startObservation(ctx: ScenarioContext, path: string, options: ReadOptions = {}): Promise<StartedObservation> {
  const since = ctx.clock.now();
  const handle = await ctx.server.observe(ctx.endpoint, path, options);
  ctx.defer(() => handle.cancel('rst'));
  ctx.exchangeSince(`Observe ${path}`, since);
  const observed: JsonValue =
    handle.endReason === undefined ? { code: handle.first.code, observing: true } : { code: handle.first.code, observing: false, reason: handle.endReason };
  ctx.require(`Observe ${path} is accepted: 2.05 with an Observe option`, handle.active, { code: '2.05', observing: true }, observed);
  return { handle, startedAt: firstAnswerAt(ctx, handle), token: handle.first.raw.message.token };
}

/** When the first answer arrived (its incoming trace entry), or now when the trace does not show it. */
function firstAnswerAt(ctx: ScenarioContext, handle: ObservationHandle): number {
  let at: number | undefined;
  for (const id of handle.first.traceIds) {
    const entry = ctx.trace.get(id);
    if (entry?.direction === 'in') at = entry.time;
  }
  return at ?? ctx.clock.now();
}
