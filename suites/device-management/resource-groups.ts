/**
 * Resource grouping (HLF-033): resources are grouped in object instances, and a resource may group several
 * resource instances (int-203, int-271).
 *
 * Pass: Read /3/0/11 Error Code (a mandatory multiple resource) answers 2.05 with its values as resource
 * instances; and for an object holding two instances (one is created on a sensor object when the device
 * announced only one; a refused Create makes this scenario inconclusive, since Create is HLF-034's subject)
 * a Read of the whole object answers 2.05 with every instance.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { announcedInstances, announcedObjects } from '../../harness/lwm2m/server/registration/registration.ts';
import { answerOf, entriesOf, instanceIds, readOk } from './helpers/entries.ts';
import { ets, hlf } from './helpers/ids.ts';
import { createInstance, creatableObject } from './helpers/spare-instance.ts';

/** The Security object is not readable by a management server. */
const NOT_READABLE = new Set([0]);

export const resourceGroups = defineScenario({
  id: `${ets(203)}-resource-groups`,
  title: 'Multiple resource instances and multiple object instances read as groups',
  suite: 'device-management',
  verifies: [hlf(33)],
  ets: [ets(203), ets(271)],
  precondition: 'registered',
  async run(ctx: ScenarioContext) {
    const since = ctx.clock.now();
    const errors = await ctx.server.read(ctx.endpoint, '/3/0/11');
    ctx.check('Read /3/0/11 answers 2.05', readOk(errors), '2.05', answerOf(errors));
    const errorEntries = entriesOf(errors.entries, 11);
    ctx.check(
      '/3/0/11 comes as resource instances (a multiple resource)',
      errorEntries.length > 0 && errorEntries.every((e) => e.path.resourceInstanceId !== undefined),
      'entries with resource instance ids',
      errorEntries.map((e) => (e.path.resourceInstanceId === undefined ? 'no instance id' : `/3/0/11/${e.path.resourceInstanceId}`)),
    );

    const registration = ctx.registration();
    let objectId = announcedObjects(registration).find((id) => !NOT_READABLE.has(id) && announcedInstances(registration, id).length >= 2);
    let expected = objectId === undefined ? [] : announcedInstances(registration, objectId);
    if (objectId === undefined) {
      const candidate = creatableObject(ctx);
      if (candidate === undefined) ctx.inconclusive('no object with two instances, and no sensor object to create a second instance on');
      const created = await createInstance(ctx, candidate);
      if (!created.result.success) ctx.inconclusive(`could not create a second instance of /${candidate}: Create answered ${created.result.code}`);
      objectId = candidate;
      expected = [...announcedInstances(registration, candidate), created.instanceId];
    }
    const all = await ctx.server.read(ctx.endpoint, `/${objectId}`);
    ctx.check(`Read /${objectId} answers 2.05`, readOk(all), '2.05', answerOf(all));
    const sorted = [...new Set(expected)].sort((a, b) => a - b);
    ctx.expectEqual(`Read /${objectId} carries every instance`, sorted, instanceIds(all.entries));
    ctx.exchangeSince('Reads of a multiple resource and of a multi-instance object', since);
  },
});
