/**
 * Access Control between several LwM2M servers (LwM2M 1.0 TS, Access Control object; AZ-033). Only used when
 * the device holds more than one server account: with a single account that server has every right.
 *
 * The rights of server S on object instance /O/I come from the Access Control instance naming (O, I):
 * S's own ACL entry when there is one; otherwise every right when S is the Access Control Owner; otherwise
 * the default entry (ACL instance 0); otherwise none. An instance without an Access Control instance grants
 * nothing. Create is checked on the Access Control instance for (O, 65535). Discover is never restricted.
 * Access Control instances themselves: any server may read them, only their owner may change them, and no
 * server may create them (that is the bootstrap server's job).
 */
import type { LwM2MPath } from '../../harness/lwm2m/path.ts';
import type { ResourceEntry } from '../../harness/lwm2m/values.ts';
import { unauthorized } from './dm-error.ts';
import { ACCESS_CONTROL_OBJECT, AccessRight } from './objects/access-control.ts';
import { isMultiple } from './objects/object-instance.ts';
import type { ObjectTree } from './objects/object-tree.ts';

export const ALL_RIGHTS = AccessRight.READ | AccessRight.WRITE | AccessRight.EXECUTE | AccessRight.DELETE | AccessRight.CREATE;
/** Object Instance ID an Access Control instance uses for Create rights on a whole object. */
export const CREATE_TARGET_INSTANCE = 65535;

const ACO_OBJECT_ID = 0;
const ACO_INSTANCE_ID = 1;
const ACO_ACL = 2;
const ACO_OWNER = 3;

/** What one server may do; `check` throws a 4.01 DmError when the right is missing. */
export interface AccessView {
  check(right: number, path: LwM2MPath): void;
  /** Drops the entries of instances the server may not read (object-level Read and Observe). */
  readable(entries: readonly ResourceEntry[]): ResourceEntry[];
}

export class AccessRights {
  constructor(private readonly tree: () => ObjectTree) {}

  /** The access view of one server (by Short Server ID). */
  forServer(shortServerId: number): AccessView {
    return {
      check: (right, path) => this.check(shortServerId, right, path),
      readable: (entries) =>
        entries.filter((e) => e.path.instanceId !== undefined && this.allowed(shortServerId, AccessRight.READ, e.path.objectId, e.path.instanceId)),
    };
  }

  /** Rights bits of a server on /objectId/instanceId. */
  rights(shortServerId: number, objectId: number, instanceId: number): number {
    const aco = this.tree()
      .instances(ACCESS_CONTROL_OBJECT)
      .find((inst) => inst.read(ACO_OBJECT_ID) === objectId && inst.read(ACO_INSTANCE_ID) === instanceId);
    if (!aco) return 0;
    const acl = aco.read(ACO_ACL);
    const entries = acl !== undefined && isMultiple(acl) ? acl : new Map<number, unknown>();
    const own = entries.get(shortServerId);
    if (typeof own === 'number') return own;
    if (aco.read(ACO_OWNER) === shortServerId) return ALL_RIGHTS;
    const fallback = entries.get(0);
    return typeof fallback === 'number' ? fallback : 0;
  }

  private allowed(shortServerId: number, right: number, objectId: number, instanceId: number): boolean {
    if (objectId === ACCESS_CONTROL_OBJECT) return this.accessControlAllowed(shortServerId, right, instanceId);
    return (this.rights(shortServerId, objectId, instanceId) & right) === right;
  }

  private accessControlAllowed(shortServerId: number, right: number, instanceId: number): boolean {
    if (right === AccessRight.READ) return true;
    if (right === AccessRight.CREATE) return false;
    return this.tree().instance(ACCESS_CONTROL_OBJECT, instanceId)?.read(ACO_OWNER) === shortServerId;
  }

  private check(shortServerId: number, right: number, path: LwM2MPath): void {
    const instanceId = right === AccessRight.CREATE ? CREATE_TARGET_INSTANCE : path.instanceId;
    if (instanceId === undefined) {
      // Object level (Read, Observe, Write-Attributes): allowed when some instance is readable; Read filters.
      const some = this.tree().instances(path.objectId).some((i) => this.allowed(shortServerId, right, path.objectId, i.instanceId));
      if (!some) throw unauthorized(`/${path.objectId} for server ${shortServerId}`);
      return;
    }
    // An instance that does not exist is the tree's 4.04 to give; rights are about existing ones.
    if (right !== AccessRight.CREATE && !this.tree().instance(path.objectId, instanceId)) return;
    if (!this.allowed(shortServerId, right, path.objectId, instanceId)) {
      throw unauthorized(`/${path.objectId}/${instanceId} for server ${shortServerId}`);
    }
  }
}
