/**
 * Resource management by the server (HLF-034): Create and Delete of object instances.
 *
 * - int-680 / int-685: Create on /3 (a mandatory single-instance object) answers 4.05 and Delete /3/0 answers
 *   4.05; /3/0 still reads afterwards.
 * - int-270 / int-290 style on a sensor object the server may manage (3303, else 3311): Create answers 2.01,
 *   the new instance reads 2.05, Delete answers 2.02, and a Read of it then answers 4.04.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { answerOf } from './helpers/entries.ts';
import { ets, hlf } from './helpers/ids.ts';
import { createInstance, creatableObject } from './helpers/spare-instance.ts';

export const deviceObjectNotCreatable = defineScenario({
  id: ets(680),
  title: 'Create on /3 and Delete of /3/0 answer 4.05',
  suite: 'device-management',
  verifies: [hlf(34)],
  ets: [ets(680), ets(685)],
  precondition: 'registered',
  async run(ctx: ScenarioContext) {
    const since = ctx.clock.now();
    const create = await ctx.server.create(ctx.endpoint, '/3', [{ path: { objectId: 3, instanceId: 1, resourceId: 14 }, value: '+01:00' }], 1);
    ctx.expectEqual('Create on the single-instance Device object answers 4.05', '4.05', create.code);
    const del = await ctx.server.delete(ctx.endpoint, '/3/0');
    ctx.expectEqual('Delete of /3/0 answers 4.05', '4.05', del.code);
    const still = await ctx.server.read(ctx.endpoint, '/3/0/16');
    ctx.expectEqual('/3/0 still exists afterwards', '2.05', answerOf(still));
    ctx.exchangeSince('Refused Create and Delete on object 3', since);
  },
});

export const createDeleteInstance = defineScenario({
  id: 'hlf-034-create-delete-instance',
  title: 'Create, read and delete an instance of a sensor object',
  suite: 'device-management',
  verifies: [hlf(34)],
  ets: [ets(270), ets(290)],
  precondition: 'registered',
  async run(ctx: ScenarioContext) {
    const objectId = creatableObject(ctx);
    if (objectId === undefined) ctx.notSupported('the device announced none of the objects this scenario creates on (3303, 3311)');
    const since = ctx.clock.now();
    const created = await createInstance(ctx, objectId);
    ctx.require(`Create on /${objectId} answers 2.01 Created`, created.result.code === '2.01', '2.01', created.result.code);
    const path = `/${objectId}/${created.instanceId}`;
    const read = await ctx.server.read(ctx.endpoint, path);
    ctx.expectEqual(`the new instance ${path} reads 2.05`, '2.05', answerOf(read));
    const del = await ctx.server.delete(ctx.endpoint, path);
    ctx.expectEqual(`Delete ${path} answers 2.02 Deleted`, '2.02', del.code);
    const gone = await ctx.server.read(ctx.endpoint, path);
    ctx.expectEqual(`${path} reads 4.04 after the Delete`, '4.04', gone.code);
    ctx.exchangeSince('Create, Read, Delete, Read', since);
  },
});
