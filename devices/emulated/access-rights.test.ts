import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinRegistry } from '../../harness/lwm2m/model/registry.ts';
import { AccessRights, ALL_RIGHTS } from './access-rights.ts';
import { DmError } from './dm-error.ts';
import { AccessRight, createAccessControlInstance } from './objects/access-control.ts';
import { ObjectInstance } from './objects/object-instance.ts';
import { ObjectTree } from './objects/object-tree.ts';

function tree(): ObjectTree {
  const t = new ObjectTree(builtinRegistry());
  t.add(new ObjectInstance(3, 0).value(0, 'maker'));
  t.add(new ObjectInstance(4, 0).value(0, 6));
  t.add(createAccessControlInstance(0, { objectId: 3, objectInstanceId: 0, acl: new Map([[101, AccessRight.READ]]), owner: 101 }));
  t.add(createAccessControlInstance(1, { objectId: 4, objectInstanceId: 0, acl: new Map([[0, AccessRight.READ]]), owner: 101 }));
  return t;
}

const code = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof DmError ? err.code : 'other';
  }
};

test('own ACL entry first, then owner has everything, then the default entry, else nothing', () => {
  const rights = new AccessRights(tree);
  assert.equal(rights.rights(101, 3, 0), AccessRight.READ, 'an own entry limits even the owner');
  assert.equal(rights.rights(102, 3, 0), 0, 'no entry, not owner, no default');
  assert.equal(rights.rights(102, 4, 0), AccessRight.READ, 'default entry 0');
  assert.equal(rights.rights(101, 4, 0), ALL_RIGHTS, 'owner without an own entry');
  assert.equal(rights.rights(101, 5, 0), 0, 'no Access Control instance: nothing');
});

test('checks answer 4.01 for a missing right; object-level Read keeps readable instances only', () => {
  const t = tree();
  const b = new AccessRights(() => t).forServer(102);
  assert.equal(code(() => b.check(AccessRight.READ, { objectId: 3, instanceId: 0, resourceId: 0 })), '4.01');
  assert.equal(code(() => b.check(AccessRight.WRITE, { objectId: 4, instanceId: 0 })), '4.01');
  assert.equal(code(() => b.check(AccessRight.READ, { objectId: 4, instanceId: 0 })), undefined);
  assert.equal(code(() => b.check(AccessRight.CREATE, { objectId: 3303 })), '4.01', 'Create needs an instance for 65535');
  assert.equal(code(() => b.check(AccessRight.WRITE, { objectId: 2, instanceId: 0 })), '4.01', 'only the owner changes an ACL');
  assert.equal(code(() => b.check(AccessRight.READ, { objectId: 2, instanceId: 0 })), undefined, 'any server reads Access Control');
  const entries = [
    { path: { objectId: 4, instanceId: 0, resourceId: 0 }, value: 6 },
    { path: { objectId: 3, instanceId: 0, resourceId: 0 }, value: 'maker' },
  ];
  assert.deepEqual(b.readable(entries).map((e) => e.path.objectId), [4]);
});
