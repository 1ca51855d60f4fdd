/**
 * Threshold reporting with st (step): Write-Attributes /3303/0/5700?pmin=0&pmax=3600&st=2, Observe, then
 * move the value by stimulus in steps smaller and larger than st.
 * Pass when, on the wire, a change is notified (with the new value) exactly when the value moved by at
 * least st from the last notified value, and smaller moves are not notified. Steps stay clear of exactly st,
 * where "at least" and "more than" would disagree.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { parsePath } from '../../harness/lwm2m/path.ts';
import { configureAttributes } from './helpers/attributes.ts';
import { guardRegistration } from './helpers/guard.ts';
import { startObservation } from './helpers/observe.ts';
import { runSteps, type Step } from './helpers/steps.ts';
import { reading, requireNumber } from './helpers/values.ts';
import { HLF_024, SENSOR_VALUE, TEMPERATURE } from './ids.ts';

const ST = 2;

export const int301Step = defineScenario({
  id: 'LightweightM2M-1.0-int-301-st',
  title: 'With st written, only changes of at least st are notified',
  suite: 'reporting',
  verifies: [HLF_024],
  ets: ['LightweightM2M-1.0-int-301'],
  precondition: 'registered',
  requires: { objects: [TEMPERATURE] },
  timeoutMs: 5 * 60_000,
  async run(ctx) {
    const path = parsePath(SENSOR_VALUE);
    const guard = guardRegistration(ctx);
    await configureAttributes(ctx, SENSOR_VALUE, { pmin: 0, pmax: 3600, st: ST });
    const observation = await startObservation(ctx, SENSOR_VALUE);
    const v = requireNumber(ctx, 'the Observe answer carries the sensor value', observation.handle.first.entries, path, observation.handle.first.decodeError);
    const steps: Step[] = [
      { value: reading(v + 1), notify: false, why: `1.0 from the last notified ${v}, less than st=${ST}` },
      { value: reading(v + 2.5), notify: true, why: `2.5 from the last notified ${v}` },
      { value: reading(v + 3.5), notify: false, why: `1.0 from the last notified ${reading(v + 2.5)}` },
      { value: reading(v + 5), notify: true, why: `2.5 from the last notified ${reading(v + 2.5)}` },
      { value: reading(v + 4), notify: false, why: `1.0 from the last notified ${reading(v + 5)}` },
      { value: reading(v + 2.5), notify: true, why: `2.5 down from the last notified ${reading(v + 5)}` },
    ];
    await runSteps(ctx, observation, guard, SENSOR_VALUE, steps);
  },
});
