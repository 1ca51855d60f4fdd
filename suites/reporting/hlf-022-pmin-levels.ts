/**
 * HLF-022, reporting period configured above the resource (Write-Attributes on the object or the object
 * instance; TS: attributes are inherited resource -> instance -> object). Write-Attributes /3303?pmin=10
 * (or /3303/0?pmin=10) and a resource-level pmax=3600 that keeps periodic notifications out of the window,
 * Observe /3303/0/5700, change the sensor 1 s later.
 * Pass when, on the wire, the change is notified with the new value once the inherited pmin (10 s) has
 * passed since the Observe answer, not before.
 */
import { defineScenario, type Scenario } from '../../harness/engine/scenario.ts';
import { parsePath } from '../../harness/lwm2m/path.ts';
import { configureAttributes } from './helpers/attributes.ts';
import { guardRegistration } from './helpers/guard.ts';
import { startObservation } from './helpers/observe.ts';
import { changeWithinPmin } from './helpers/pmin-hold.ts';
import { reading, requireNumber } from './helpers/values.ts';
import { HLF_022, SENSOR_VALUE, TEMPERATURE } from './ids.ts';

const PMIN_S = 10;

function pminAtLevel(level: 'object' | 'instance', target: string): Scenario {
  return defineScenario({
    id: `hlf-022-pmin-${level}-level`,
    title: `pmin written on the ${level} (${target}) holds back notifications of its resources`,
    suite: 'reporting',
    verifies: [HLF_022],
    ets: ['LightweightM2M-1.0-int-301'],
    precondition: 'registered',
    requires: { objects: [TEMPERATURE] },
    timeoutMs: 5 * 60_000,
    async run(ctx) {
      const path = parsePath(SENSOR_VALUE);
      const guard = guardRegistration(ctx);
      await configureAttributes(ctx, target, { pmin: PMIN_S });
      await configureAttributes(ctx, SENSOR_VALUE, { pmax: 3600 });
      const observation = await startObservation(ctx, SENSOR_VALUE);
      const initial = requireNumber(ctx, 'the Observe answer carries the sensor value', observation.handle.first.entries, path, observation.handle.first.decodeError);
      await changeWithinPmin(ctx, observation, guard, { path: SENSOR_VALUE, pminS: PMIN_S, value: reading(initial + 5), level: `${level} level, ${target}` });
    },
  });
}

export const hlf022PminObjectLevel = pminAtLevel('object', '/3303');
export const hlf022PminInstanceLevel = pminAtLevel('instance', '/3303/0');
