import type { DeviceContext } from './device-context.ts';
import { ObjectInstance } from './object-instance.ts';

export const SERVER_OBJECT = 1;

export interface ServerConfig {
  shortServerId: number;
  lifetime: number;
  defaultMinPeriod?: number;
  defaultMaxPeriod?: number;
  /** Seconds to stay away after Disable; the model's default is one day. */
  disableTimeout?: number;
  notificationStoring?: boolean;
  binding?: string;
}

/** Resource ids of object 1 the client itself reads. */
export const ServerResource = {
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

/** Object 1 LwM2M Server: the registration settings of one server and the Disable / Update Trigger actions. */
export function createServerInstance(instanceId: number, config: ServerConfig, ctx: DeviceContext): ObjectInstance {
  const ssid = config.shortServerId;
  const tellClient = (rid: number) => () => ctx.actions.serverSettingChanged(ssid, rid);
  const instance = new ObjectInstance(SERVER_OBJECT, instanceId)
    .value(ServerResource.SHORT_SERVER_ID, ssid)
    .value(ServerResource.LIFETIME, config.lifetime, tellClient(ServerResource.LIFETIME))
    .executable(ServerResource.DISABLE, () => ctx.actions.disable(ssid))
    .value(ServerResource.DISABLE_TIMEOUT, config.disableTimeout ?? 86400)
    .value(ServerResource.NOTIFICATION_STORING, config.notificationStoring ?? true)
    .value(ServerResource.BINDING, config.binding ?? 'U', tellClient(ServerResource.BINDING))
    .executable(ServerResource.REGISTRATION_UPDATE_TRIGGER, () => ctx.actions.registrationUpdateTrigger(ssid));
  if (config.defaultMinPeriod !== undefined) instance.value(ServerResource.DEFAULT_PMIN, config.defaultMinPeriod);
  if (config.defaultMaxPeriod !== undefined) instance.value(ServerResource.DEFAULT_PMAX, config.defaultMaxPeriod);
  return instance;
}
