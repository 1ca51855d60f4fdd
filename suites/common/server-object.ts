/**
 * The LwM2M Server object (/1) instance that configures the reference server's account on the device. With
 * one server account (the usual lab set-up) it is the only /1 instance the device announced; with several the
 * first announced instance is used and a note says so (the harness cannot tell which account is its own).
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { announcedInstances } from '../../harness/lwm2m/server/registration/registration.ts';

export const SERVER_OBJECT = 1;

/** Resource ids of the Server object (LwM2M 1.0 object 1). */
export const ServerRes = {
  SHORT_SERVER_ID: 0,
  LIFETIME: 1,
  DEFAULT_PMIN: 2,
  DEFAULT_PMAX: 3,
  DISABLE: 4,
  DISABLE_TIMEOUT: 5,
  NOTIFICATION_STORING: 6,
  BINDING: 7,
  REGISTRATION_UPDATE_TRIGGER: 8,
} as const;

/** The /1 instance id to configure; inconclusive when the device announced no Server object instance. */
export function serverInstanceId(ctx: ScenarioContext): number {
  const instances = announcedInstances(ctx.registration(), SERVER_OBJECT);
  const first = instances[0];
  if (first === undefined) ctx.inconclusive('the device announced no LwM2M Server object instance (/1/x) in its Register');
  if (instances.length > 1) ctx.note(`the device announced several /1 instances (${instances.join(', ')}); using /1/${first}`);
  return first;
}

/** `/1/<instance>/<resource>` for the reference server's account. */
export function serverResourcePath(ctx: ScenarioContext, resourceId: number, instanceId = serverInstanceId(ctx)): string {
  return `/${SERVER_OBJECT}/${instanceId}/${resourceId}`;
}
