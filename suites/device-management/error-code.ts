/**
 * LightweightM2M-1.0-int-657: the device reports an error situation (HLF-007).
 *
 * Pass: /3/0/11 Error Code reads 2.05 and is observable; after the device is made to raise an error (stimulus
 * raise-error), the observer is notified with that code in /3/0/11 and a Read shows it; Exec /3/0/12 Reset
 * Error Code answers 2.04 and /3/0/11 then reads a single instance holding 0 (no error).
 * Without the stimulus the scenario cannot reach its check: inconclusive.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import type { DecodedNotification } from '../../harness/lwm2m/server/information-reporting.ts';
import { TimeoutError } from '../../harness/errors.ts';
import { answerOf, instancesOf, jsonOf, readOk } from './helpers/entries.ts';
import { ets, hlf } from './helpers/ids.ts';

/** "Out of memory" (TS object 3): a code every device can plausibly raise. */
const RAISED_CODE = 5;

export const errorCodeReporting = defineScenario({
  id: ets(657),
  title: 'Error Code /3/0/11 reports a raised error, is observable, and Exec /3/0/12 resets it',
  suite: 'device-management',
  verifies: [hlf(7)],
  ets: [ets(657)],
  precondition: 'registered',
  async run(ctx: ScenarioContext) {
    const since = ctx.clock.now();
    const initial = await ctx.server.read(ctx.endpoint, '/3/0/11');
    ctx.require('Read /3/0/11 Error Code answers 2.05', readOk(initial), '2.05', answerOf(initial));
    const observation = await ctx.server.observe(ctx.endpoint, '/3/0/11');
    ctx.defer(() => (observation.active ? observation.cancel('get') : undefined));
    ctx.require('Observe /3/0/11 is accepted (2.05 with Observe)', observation.active, 'active observation', observation.endReason ?? answerOf(observation.first));

    const raisedAt = ctx.clock.now();
    await ctx.stimulus({ kind: 'raise-error', code: RAISED_CODE });
    const carriesCode = (n: DecodedNotification): boolean => [...instancesOf(n.entries, 11).values()].includes(RAISED_CODE);
    const budget = Math.max(ctx.tolerances.notifyMs, 1000) + 30_000;
    let notified: DecodedNotification | undefined;
    try {
      const event = await ctx.server.waitFor(
        'notification',
        (e) => e.observation === observation && e.notification.receivedAt >= raisedAt && carriesCode(e.notification),
        budget,
        { since: raisedAt },
      );
      notified = event.notification;
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
    }
    ctx.check(`the observer of /3/0/11 is notified of error code ${RAISED_CODE}`, notified !== undefined, `notification with ${RAISED_CODE}`, notified ? 'notified' : `no such notification within ${budget} ms`);

    const raised = await ctx.server.read(ctx.endpoint, '/3/0/11');
    const raisedCodes = [...instancesOf(raised.entries, 11).values()].map(jsonOf);
    ctx.check(`Read /3/0/11 shows error code ${RAISED_CODE}`, readOk(raised) && raisedCodes.includes(RAISED_CODE), `includes ${RAISED_CODE}`, raisedCodes);

    const reset = await ctx.server.execute(ctx.endpoint, '/3/0/12');
    ctx.expectEqual('Exec /3/0/12 Reset Error Code answers 2.04', '2.04', reset.code);
    const cleared = await ctx.server.read(ctx.endpoint, '/3/0/11');
    ctx.expectEqual('after the reset /3/0/11 holds only 0 (no error)', [0], [...instancesOf(cleared.entries, 11).values()].map(jsonOf));
    ctx.exchangeSince('Error Code read, observed, raised, reset', since);
  },
});
