/**
 * HLF-022, pmax configured above the resource: Write-Attributes /3303?pmax=8 (or /3303/0?pmax=8), Observe
 * /3303/0/5700, and as a baseline Observe /3/0/7 with a resource-level pmax=8; change nothing for three periods.
 * Pass when, on the wire, /3303/0/5700 is notified about every inherited pmax (no silence longer than 8 s
 * plus slack, 2.05 with the value as a number).
 * Inconclusive when the baseline gets no periodic notification either: then periodic reporting as such is
 * missing (int-301 judges that, HLF-019), and the level the attribute was written at cannot be judged.
 */
import { defineScenario, type Scenario } from '../../harness/engine/scenario.ts';
import { configureAttributes } from './helpers/attributes.ts';
import { guardRegistration } from './helpers/guard.ts';
import { startObservation } from './helpers/observe.ts';
import { judgePeriodic, reportedWithinPmax } from './helpers/periodic.ts';
import { lateSlackMs, sleepUntil } from './helpers/timing.ts';
import { HLF_022, SENSOR_VALUE, TEMPERATURE } from './ids.ts';

const PMAX_S = 8;
const PERIODS = 3;
const BASELINE = '/3/0/7';

function pmaxAtLevel(level: 'object' | 'instance', target: string): Scenario {
  return defineScenario({
    id: `hlf-022-pmax-${level}-level`,
    title: `pmax written on the ${level} (${target}) makes its resources report periodically`,
    suite: 'reporting',
    verifies: [HLF_022],
    ets: ['LightweightM2M-1.0-int-301'],
    precondition: 'registered',
    requires: { objects: [TEMPERATURE] },
    timeoutMs: 5 * 60_000,
    async run(ctx) {
      const guard = guardRegistration(ctx);
      await configureAttributes(ctx, target, { pmax: PMAX_S });
      const observation = await startObservation(ctx, SENSOR_VALUE);
      await configureAttributes(ctx, BASELINE, { pmax: PMAX_S });
      const baseline = await startObservation(ctx, BASELINE);
      const windowEnd = observation.startedAt + PERIODS * PMAX_S * 1000 + lateSlackMs(ctx);
      await sleepUntil(ctx, windowEnd);
      guard.assertKept();
      ctx.exchangeSince(`periodic notifications with pmax on the ${level}`, observation.startedAt);
      if (!reportedWithinPmax(ctx, baseline, PMAX_S)) {
        ctx.inconclusive(`no periodic notification even for ${BASELINE} with a resource-level pmax: periodic reporting itself is missing (see LightweightM2M-1.0-int-301)`);
      }
      judgePeriodic(ctx, { path: SENSOR_VALUE, pmaxS: PMAX_S }, observation, windowEnd);
    },
  });
}

export const hlf022PmaxObjectLevel = pmaxAtLevel('object', '/3303');
export const hlf022PmaxInstanceLevel = pmaxAtLevel('instance', '/3303/0');
