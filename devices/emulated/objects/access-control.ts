import type { ResourceValue } from '../../../harness/lwm2m/values.ts';
import { ObjectInstance } from './object-instance.ts';

export const ACCESS_CONTROL_OBJECT = 2;

/** ACL bits (LwM2M 1.0 TS, Access Control object): R=1, W=2, E=4, D=8, C=16. */
export const AccessRight = { READ: 1, WRITE: 2, EXECUTE: 4, DELETE: 8, CREATE: 16 } as const;

export interface AccessControlConfig {
  objectId: number;
  objectInstanceId: number;
  /** Short server id -> rights bits; id 0 is the default for servers without an entry. */
  acl: ReadonlyMap<number, number>;
  owner: number;
}

/** Object 2 Access Control: which server may do what on one object instance (AZ-033). */
export function createAccessControlInstance(instanceId: number, config: AccessControlConfig): ObjectInstance {
  return new ObjectInstance(ACCESS_CONTROL_OBJECT, instanceId)
    .value(0, config.objectId)
    .value(1, config.objectInstanceId)
    .value(2, new Map<number, ResourceValue>(config.acl))
    .value(3, config.owner);
}
