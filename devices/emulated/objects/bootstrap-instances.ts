/**
 * Instances the bootstrap server writes (Security, Server, Access Control), built from the written values so
 * that a Server instance's hooks (Disable, Update Trigger, lifetime and binding changes) name its Short
 * Server ID. Values the builder does not take from its config are written afterwards, as stored values.
 */
import type { ResourceValue } from '../../../harness/lwm2m/values.ts';
import { ACCESS_CONTROL_OBJECT, createAccessControlInstance } from './access-control.ts';
import type { DeviceContext } from './device-context.ts';
import { isMultiple, type ObjectInstance, type ResourceContent } from './object-instance.ts';
import { SECURITY_OBJECT, createSecurityInstance } from './security.ts';
import { SERVER_OBJECT, ServerResource, createServerInstance } from './server.ts';

export function buildBootstrapInstance(
  objectId: number,
  instanceId: number,
  values: ReadonlyMap<number, ResourceContent>,
  ctx: DeviceContext,
): ObjectInstance | undefined {
  const num = (rid: number): number | undefined => {
    const v = values.get(rid);
    return typeof v === 'number' ? v : undefined;
  };
  let instance: ObjectInstance;
  switch (objectId) {
    case SECURITY_OBJECT: {
      const uri = values.get(0);
      const ssid = num(10);
      instance = createSecurityInstance(instanceId, { serverUri: typeof uri === 'string' ? uri : '', ...(ssid !== undefined ? { shortServerId: ssid } : {}) });
      break;
    }
    case SERVER_OBJECT: {
      const binding = values.get(ServerResource.BINDING);
      instance = createServerInstance(
        instanceId,
        { shortServerId: num(ServerResource.SHORT_SERVER_ID) ?? 0, lifetime: num(ServerResource.LIFETIME) ?? 86400, ...(typeof binding === 'string' ? { binding } : {}) },
        ctx,
      );
      break;
    }
    case ACCESS_CONTROL_OBJECT: {
      const acl = values.get(2);
      instance = createAccessControlInstance(instanceId, {
        objectId: num(0) ?? 0,
        objectInstanceId: num(1) ?? 0,
        acl: acl !== undefined && isMultiple(acl) ? new Map<number, ResourceValue>(acl) : new Map(),
        owner: num(3) ?? 0,
      });
      break;
    }
    default:
      return undefined;
  }
  // Stored as given, without hooks: a bootstrap configures, it does not trigger Updates.
  for (const [rid, content] of values) instance.update(rid, content);
  return instance;
}
