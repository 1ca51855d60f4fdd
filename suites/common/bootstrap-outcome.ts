/**
 * How a device's bootstrap session ended (finished or failed), waited for on the scenario's bootstrap server.
 * A session that neither finishes nor fails in time leaves nothing to judge: the scenario is inconclusive.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { TimeoutError } from '../../harness/errors.ts';
import type { BootstrapSession } from '../../harness/lwm2m/bootstrap/bootstrap-server.ts';

/** Long enough for a Delete, the Writes, a Discover and the Finish, each retransmitted if need be. */
export const BOOTSTRAP_FINISH_WAIT_MS = 120_000;

export async function bootstrapOutcome(ctx: ScenarioContext, since: number): Promise<BootstrapSession> {
  const outcome = await ctx.bootstrapServer
    .waitForFirst(['bootstrapFinished', 'bootstrapFailed'], (e) => e.session.endpoint === ctx.endpoint, BOOTSTRAP_FINISH_WAIT_MS, { since })
    .then((e) => e.payload.session)
    .catch((error: unknown) => {
      if (error instanceof TimeoutError) return undefined;
      throw error;
    });
  if (outcome === undefined) return ctx.inconclusive('the bootstrap session neither finished nor failed');
  return outcome;
}
