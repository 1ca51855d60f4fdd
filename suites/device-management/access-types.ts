/**
 * Resource access types (HLF-032), the refusals of int-651 / int-551.
 *
 * Pass: the device enforces each resource's access type from the object model:
 * - Write on the read-only /3/0/16 Supported Binding and Modes answers 4.05, and the value reads back unchanged;
 * - Execute on the readable, non-executable /3/0/16 answers 4.05;
 * - Read on the execute-only /3/0/4 Reboot answers 4.05.
 * Mandatory resources are used so that every LwM2M 1.0 device has them.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { ContentFormat } from '../../harness/lwm2m/values.ts';
import { answerOf, jsonOf, readOk, singleValue } from './helpers/entries.ts';
import { ets, hlf } from './helpers/ids.ts';

const BINDING = { objectId: 3, instanceId: 0, resourceId: 16 };

export const accessTypes = defineScenario({
  id: `${ets(651)}-access-types`,
  title: 'Write to R, Execute on non-E and Read of E resources answer 4.05',
  suite: 'device-management',
  verifies: [hlf(32)],
  ets: [ets(651), ets(551)],
  precondition: 'registered',
  async run(ctx: ScenarioContext) {
    const since = ctx.clock.now();
    const before = await ctx.server.read(ctx.endpoint, '/3/0/16');
    ctx.require('Read /3/0/16 (R) answers 2.05', readOk(before), '2.05', answerOf(before));
    const original = singleValue(before.entries, 16);
    const attempt = original === 'UQ' ? 'U' : 'UQ';

    const write = await ctx.server.write(ctx.endpoint, '/3/0/16', [{ path: BINDING, value: attempt }], { format: ContentFormat.TEXT });
    ctx.expectEqual('Write on read-only /3/0/16 answers 4.05 Method Not Allowed', '4.05', write.code);
    const after = await ctx.server.read(ctx.endpoint, '/3/0/16');
    ctx.expectEqual('/3/0/16 is unchanged after the refused Write', jsonOf(original), jsonOf(singleValue(after.entries, 16)));

    const execute = await ctx.server.execute(ctx.endpoint, '/3/0/16');
    ctx.expectEqual('Execute on non-executable /3/0/16 answers 4.05 Method Not Allowed', '4.05', execute.code);

    const readExec = await ctx.server.read(ctx.endpoint, '/3/0/4');
    ctx.expectEqual('Read on execute-only /3/0/4 Reboot answers 4.05 Method Not Allowed', '4.05', readExec.code);
    ctx.exchangeSince('Operations against the access types of object 3', since);
  },
});
