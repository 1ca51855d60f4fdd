/**
 * Gets a second instance of a multi-instance object for scenarios that need one, by creating it on an object
 * where a server may (IPSO sensors). The instance is deleted again at teardown.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import { announcedInstances, announcedObjects } from '../../../harness/lwm2m/server/registration/registration.ts';
import type { OperationResult } from '../../../harness/lwm2m/server/operation-result.ts';

/** Objects on which the scenarios try Create, in order of preference. */
export const CREATABLE_OBJECTS = [3303, 3311] as const;

export interface CreatedInstance {
  objectId: number;
  instanceId: number;
  result: OperationResult;
}

/** The first creatable object the device announced, or undefined. */
export function creatableObject(ctx: ScenarioContext): number | undefined {
  const announced = announcedObjects(ctx.registration());
  return CREATABLE_OBJECTS.find((id) => announced.includes(id));
}

/** Creates a new instance with an id the device does not use yet; the caller judges the answer. */
export async function createInstance(ctx: ScenarioContext, objectId: number): Promise<CreatedInstance> {
  const used = new Set(announcedInstances(ctx.registration(), objectId));
  let instanceId = 1;
  while (used.has(instanceId)) instanceId++;
  const result = await ctx.server.create(ctx.endpoint, `/${objectId}`, [], instanceId);
  const created = result.created?.instanceId ?? instanceId;
  if (result.success) {
    ctx.defer(async () => {
      await ctx.server.delete(ctx.endpoint, `/${objectId}/${created}`);
    });
  }
  return { objectId, instanceId: created, result };
}
