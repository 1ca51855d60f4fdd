/**
 * LightweightM2M-1.0-int-301, periodic reporting (the ETS procedure): Read /3/0/6 Available Power Sources,
 * Write-Attributes /3/0/7?pmin=5&pmax=15 and /3/0/8?pmin=10&pmax=20, Observe both, change nothing.
 * Pass when, on the wire, over three periods of the longer pmax, for each resource:
 * - notifications keep coming: no silence longer than pmax (plus slack) since the Observe answer or the
 *   previous notification, and at least one notification per pmax period of the window;
 * - no two come closer than pmin (minus slack);
 * - each is 2.05 and carries the resource's values as numbers.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { configureAttributes } from './helpers/attributes.ts';
import { guardRegistration } from './helpers/guard.ts';
import { startObservation, type StartedObservation } from './helpers/observe.ts';
import { judgePeriodic, type PeriodicTarget } from './helpers/periodic.ts';
import { lateSlackMs, sleepUntil } from './helpers/timing.ts';
import { HLF_019 } from './ids.ts';

const TARGETS: readonly Required<PeriodicTarget>[] = [
  { path: '/3/0/7', pminS: 5, pmaxS: 15 },
  { path: '/3/0/8', pminS: 10, pmaxS: 20 },
];
const PERIODS = 3;

export const int301Periodic = defineScenario({
  id: 'LightweightM2M-1.0-int-301',
  title: 'Power source voltage and current are notified every pmax without changes',
  suite: 'reporting',
  verifies: [HLF_019],
  ets: ['LightweightM2M-1.0-int-301'],
  precondition: 'registered',
  timeoutMs: 5 * 60_000,
  async run(ctx) {
    const guard = guardRegistration(ctx);
    const since = ctx.clock.now();
    const sources = await ctx.server.read(ctx.endpoint, '/3/0/6');
    ctx.note(`Read /3/0/6 Available Power Sources: ${sources.code} ${JSON.stringify((sources.entries ?? []).map((e) => e.value))}`);
    const observations: Array<[PeriodicTarget, StartedObservation]> = [];
    for (const target of TARGETS) {
      await configureAttributes(ctx, target.path, { pmin: target.pminS, pmax: target.pmaxS });
      observations.push([target, await startObservation(ctx, target.path)]);
    }
    const windowEnd = ctx.clock.now() + PERIODS * Math.max(...TARGETS.map((t) => t.pmaxS)) * 1000 + lateSlackMs(ctx);
    await sleepUntil(ctx, windowEnd);
    guard.assertKept();
    ctx.exchangeSince('periodic notifications of /3/0/7 and /3/0/8', since);
    for (const [target, observation] of observations) judgePeriodic(ctx, target, observation, windowEnd);
  },
});
