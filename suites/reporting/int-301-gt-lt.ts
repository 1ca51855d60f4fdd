/**
 * Threshold reporting with gt and lt (int-301's observation with threshold attributes): around the sensor's
 * current value v, Write-Attributes /3303/0/5700?pmin=0&pmax=3600&gt=v+10&lt=v-10, Observe, then move the
 * value by stimulus through and between the thresholds.
 * Pass when, on the wire, exactly the changes that cross gt or lt (in either direction) are notified, each
 * with the new value, and changes that stay on the same side of both thresholds are not notified.
 * pmin=0 lets every crossing out at once; pmax=3600 keeps periodic notifications out of the window.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { parsePath } from '../../harness/lwm2m/path.ts';
import { configureAttributes } from './helpers/attributes.ts';
import { guardRegistration } from './helpers/guard.ts';
import { startObservation } from './helpers/observe.ts';
import { runSteps, type Step } from './helpers/steps.ts';
import { reading, requireNumber } from './helpers/values.ts';
import { HLF_021, HLF_024, SENSOR_VALUE, TEMPERATURE } from './ids.ts';

export const int301GtLt = defineScenario({
  id: 'LightweightM2M-1.0-int-301-gt-lt',
  title: 'With gt and lt written, only threshold crossings are notified',
  suite: 'reporting',
  verifies: [HLF_021, HLF_024],
  ets: ['LightweightM2M-1.0-int-301'],
  precondition: 'registered',
  requires: { objects: [TEMPERATURE] },
  timeoutMs: 5 * 60_000,
  async run(ctx) {
    const path = parsePath(SENSOR_VALUE);
    const guard = guardRegistration(ctx);
    const before = await ctx.server.read(ctx.endpoint, SENSOR_VALUE);
    const v = requireNumber(ctx, `Read ${SENSOR_VALUE} gives the current value`, before.entries, path, before.decodeError);
    const gt = reading(v + 10);
    const lt = reading(v - 10);
    await configureAttributes(ctx, SENSOR_VALUE, { pmin: 0, pmax: 3600, gt, lt });
    const observation = await startObservation(ctx, SENSOR_VALUE);
    const steps: Step[] = [
      { value: reading(v + 4), notify: false, why: `stays between lt=${lt} and gt=${gt}` },
      { value: reading(v + 11), notify: true, why: `crosses gt=${gt} upward` },
      { value: reading(v + 12), notify: false, why: `stays above gt=${gt}` },
      { value: reading(v + 9), notify: true, why: `crosses gt=${gt} downward` },
      { value: reading(v - 5), notify: false, why: `stays between lt=${lt} and gt=${gt}` },
      { value: reading(v - 11), notify: true, why: `crosses lt=${lt} downward` },
      { value: reading(v - 12), notify: false, why: `stays below lt=${lt}` },
      { value: reading(v - 8), notify: true, why: `crosses lt=${lt} upward` },
    ];
    await runSteps(ctx, observation, guard, SENSOR_VALUE, steps);
  },
});
