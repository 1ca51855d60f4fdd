/**
 * LightweightM2M-1.0-int-760: the firmware State is observable (HLF-005).
 *
 * Pass: after a reset (Write /5/0/1 ""), Write-Attributes pmin=2 pmax=10 on /5/0 answers 2.04; Observe
 * /5/0/3 answers 2.05 with State 0 (Idle); after the package is pushed to /5/0/0 (2.04) the observer is
 * notified with State 2 (Downloaded). Timing against pmin/pmax is the reporting suites' subject: here the
 * notification only has to come within pmax plus the notification tolerance. The state machine is reset
 * again at the end.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { TimeoutError } from '../../harness/errors.ts';
import type { DecodedNotification } from '../../harness/lwm2m/server/information-reporting.ts';
import { answerOf, jsonOf, singleValue } from '../device-management/helpers/entries.ts';
import { ets, hlf } from '../device-management/helpers/ids.ts';
import { FwState } from './helpers/firmware-state.ts';
import { installablePackage } from './helpers/packages.ts';
import { pushDelivery, startFromIdle } from './helpers/update-flow.ts';

const PMIN_S = 2;
const PMAX_S = 10;

export const observeFirmwareState = defineScenario({
  id: ets(760),
  title: 'Observe /5/0/3: State notifies Downloaded after a push',
  suite: 'firmware',
  verifies: [hlf(5)],
  ets: [ets(760)],
  precondition: 'registered',
  requires: { features: ['firmware-push'], objects: [5] },
  async run(ctx: ScenarioContext) {
    const pkg = await installablePackage(ctx);
    const since = ctx.clock.now();
    await startFromIdle(ctx);
    const attrs = await ctx.server.writeAttributes(ctx.endpoint, '/5/0', { pmin: PMIN_S, pmax: PMAX_S });
    ctx.expectEqual(`Write-Attributes /5/0 pmin=${PMIN_S} pmax=${PMAX_S} answers 2.04`, '2.04', attrs.code);
    // A board keeps attributes until it restarts: take them off again for the scenarios after this one.
    if (attrs.code === '2.04') ctx.defer(async () => void (await ctx.server.writeAttributes(ctx.endpoint, '/5/0', { pmin: null, pmax: null })));
    const observation = await ctx.server.observe(ctx.endpoint, '/5/0/3');
    ctx.defer(() => (observation.active ? observation.cancel('get') : undefined));
    ctx.require('Observe /5/0/3 is accepted (2.05 with Observe)', observation.active, 'active observation', observation.endReason ?? answerOf(observation.first));
    ctx.expectEqual('the first value of /5/0/3 is 0 (Idle)', FwState.IDLE, jsonOf(singleValue(observation.first.entries, 3)));

    const pushedAt = ctx.clock.now();
    const push = await pushDelivery(pkg.content)(ctx);
    ctx.require('Write /5/0/0 (package) answers 2.04', push.code === '2.04', '2.04', push.code);
    const isDownloaded = (n: DecodedNotification): boolean => singleValue(n.entries, 3) === FwState.DOWNLOADED;
    const budget = PMAX_S * 1000 + ctx.tolerances.notifyMs + 5000;
    let notified: DecodedNotification | undefined;
    try {
      const event = await ctx.server.waitFor('notification', (e) => e.observation === observation && isDownloaded(e.notification), budget, { since: pushedAt });
      notified = event.notification;
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
    }
    const values = observation.notifications.map((n) => jsonOf(singleValue(n.entries, 3)));
    ctx.check('the observer is notified with State 2 (Downloaded)', notified !== undefined, `State 2 within ${budget} ms`, values.length > 0 ? values : 'no notification');
    ctx.exchangeSince('Observe of the firmware State during a push', since);
  },
});
