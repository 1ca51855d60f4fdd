/**
 * Enable and disable a physical resource (HLF-011), on IPSO 3311 Light Control On/Off (5850).
 *
 * Pass: for the first announced /3311 instance, Write /3311/x/5850 with the opposite of its current state
 * answers 2.04 and a Read gives the new state (the output really switched); writing the original state back
 * answers 2.04 and reads back too. The scenario leaves the output as it found it.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { announcedInstances } from '../../harness/lwm2m/server/registration/registration.ts';
import { answerOf, jsonOf, readOk, singleValue } from './helpers/entries.ts';
import { hlf } from './helpers/ids.ts';

const LIGHT_CONTROL = 3311;
const ON_OFF = 5850;

export const actuatorSwitch = defineScenario({
  id: 'hlf-011-actuator-switch',
  title: 'Switch an actuator (/3311/x/5850 On/Off) off and on, read back each time',
  suite: 'device-management',
  verifies: [hlf(11)],
  ets: [],
  precondition: 'registered',
  requires: { features: ['actuator'], objects: [LIGHT_CONTROL] },
  async run(ctx: ScenarioContext) {
    const instanceId = announcedInstances(ctx.registration(), LIGHT_CONTROL)[0];
    if (instanceId === undefined) ctx.inconclusive('the device announced no /3311 instance in its Register');
    const path = `/${LIGHT_CONTROL}/${instanceId}/${ON_OFF}`;
    const target = { objectId: LIGHT_CONTROL, instanceId, resourceId: ON_OFF };
    const since = ctx.clock.now();

    const initial = await ctx.server.read(ctx.endpoint, path);
    const original = singleValue(initial.entries, ON_OFF);
    ctx.require(`Read ${path} answers 2.05 with a Boolean`, readOk(initial) && typeof original === 'boolean', '2.05 Boolean', `${answerOf(initial)} ${JSON.stringify(jsonOf(original))}`);
    // Leave the output as found even when a step below throws.
    ctx.defer(async () => {
      await ctx.server.write(ctx.endpoint, path, [{ path: target, value: original as boolean }]);
    });

    for (const state of [!original, original]) {
      const write = await ctx.server.write(ctx.endpoint, path, [{ path: target, value: state as boolean }]);
      ctx.expectEqual(`Write ${path} = ${String(state)} answers 2.04`, '2.04', write.code);
      const read = await ctx.server.read(ctx.endpoint, path);
      ctx.expectEqual(`${path} reads back ${String(state)}`, state as boolean, jsonOf(singleValue(read.entries, ON_OFF)));
    }
    ctx.exchangeSince('Actuator switched and read back', since);
  },
});
