import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePath } from '../path.ts';
import { ContentFormat, type ResourceEntry } from '../values.ts';
import { decodeContent, encodeContent } from './index.ts';
import { deviceInstanceEntries, exampleRegistry, hex } from './spec-examples.ts';

// Golden payloads of the LwM2M 1.0 Technical Specification (OMA-TS-LightweightM2M-V1_0-20170208-A, §6.4.3
// TLV examples), byte for byte; the same payloads appear in LwM2M 1.1/1.2 Core §7.4.3 / §7.4.5.

const registry = exampleRegistry();
const TLV = ContentFormat.TLV;

function golden(name: string, path: string, bytes: Buffer, entries: ResourceEntry[]): void {
  test(`TLV golden: ${name}`, () => {
    const ctx = { path: parsePath(path), registry };
    assert.deepEqual(encodeContent(TLV, entries, ctx).toString('hex'), bytes.toString('hex'), 'encode');
    assert.deepEqual(decodeContent(TLV, bytes, ctx), entries, 'decode');
    assert.deepEqual(decodeContent(ContentFormat.LEGACY_TLV, bytes, ctx), entries, 'legacy 1542');
  });
}

// §6.4.3.1 Single Object Instance Request Example: Read /3/0.
const DEVICE_RESOURCES = hex(`
  C8 00 14 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65
  C8 01 16 4C 69 67 68 74 77 65 69 67 68 74 20 4D 32 4D 20 43 6C 69 65 6E 74
  C8 02 09 33 34 35 30 30 30 31 32 33
  C3 03 31 2E 30
  86 06 41 00 01 41 01 05
  88 07 08 42 00 0E D8 42 01 13 88
  87 08 41 00 7D 42 01 03 84
  C1 09 64
  C1 0A 0F
  83 0B 41 00 00
  C4 0D 51 82 42 8F
  C6 0E 2B 30 32 3A 30 30
  C1 10 55`);
golden('§6.4.3.1 Read /3/0 (Device)', '/3/0', DEVICE_RESOURCES, deviceInstanceEntries());

// §6.4.3.2 Multiple Object Instance Request Examples, A): Read /3 wraps the same resources in instance 0.
golden('§6.4.3.2 A) Read /3 (Device, one instance)', '/3', Buffer.concat([hex('08 00 79'), DEVICE_RESOURCES]), deviceInstanceEntries());

// §6.4.3.2 B): Read /2, two Access Control instances, ACL resource instances with an 8- and a 16-bit id.
golden('§6.4.3.2 B) Read /2 (Access Control)', '/2', hex(`
  08 00 0E  C1 00 01  C1 01 00  83 02 41 7F 07  C1 03 7F
  08 02 12  C1 00 03  C1 01 00  87 02 41 7F 07 61 01 36 01  C1 03 7F`), [
  { path: { objectId: 2, instanceId: 0, resourceId: 0 }, value: 1 },
  { path: { objectId: 2, instanceId: 0, resourceId: 1 }, value: 0 },
  { path: { objectId: 2, instanceId: 0, resourceId: 2, resourceInstanceId: 127 }, value: 7 },
  { path: { objectId: 2, instanceId: 0, resourceId: 3 }, value: 127 },
  { path: { objectId: 2, instanceId: 2, resourceId: 0 }, value: 3 },
  { path: { objectId: 2, instanceId: 2, resourceId: 1 }, value: 0 },
  { path: { objectId: 2, instanceId: 2, resourceId: 2, resourceInstanceId: 127 }, value: 7 },
  { path: { objectId: 2, instanceId: 2, resourceId: 2, resourceInstanceId: 310 }, value: 1 },
  { path: { objectId: 2, instanceId: 2, resourceId: 3 }, value: 127 },
]);

// §6.4.3.2 D): Read /1, one Server instance (lifetime 86400 takes 4 bytes, a boolean 1 byte).
golden('§6.4.3.2 D) Read /1 (Server, one instance)', '/1', hex('08 00 0F C1 00 01 C4 01 00 01 51 80 C1 06 01 C1 07 55'), [
  { path: { objectId: 1, instanceId: 0, resourceId: 0 }, value: 1 },
  { path: { objectId: 1, instanceId: 0, resourceId: 1 }, value: 86400 },
  { path: { objectId: 1, instanceId: 0, resourceId: 6 }, value: true },
  { path: { objectId: 1, instanceId: 0, resourceId: 7 }, value: 'U' },
]);

// §6.4.3.3 Example of Request on an Object Instance containing an Object Link Resource: Read /65/0.
golden('§6.4.3.3 Objlnk example 1, Read /65/0', '/65/0', hex(`
  88 00 0C 44 00 00 42 00 00 44 01 00 42 00 01
  C8 01 0D 38 36 31 33 38 30 30 37 35 35 35 30 30
  C4 02 12 34 56 78`), [
  { path: { objectId: 65, instanceId: 0, resourceId: 0, resourceInstanceId: 0 }, value: { objectId: 66, instanceId: 0 } },
  { path: { objectId: 65, instanceId: 0, resourceId: 0, resourceInstanceId: 1 }, value: { objectId: 66, instanceId: 1 } },
  { path: { objectId: 65, instanceId: 0, resourceId: 1 }, value: '8613800755500' },
  { path: { objectId: 65, instanceId: 0, resourceId: 2 }, value: 0x12345678 },
]);

// §6.4.3.3 example 2: Read /66, two instances, the second linking to the "no instance" id 65535:65535.
golden('§6.4.3.3 Objlnk example 2, Read /66', '/66', hex(`
  08 00 26 C8 00 0B 6D 79 53 65 72 76 69 63 65 20 31
           C8 01 0F 49 6E 74 65 72 6E 65 74 2E 31 35 2E 32 33 34
           C4 02 00 43 00 00
  08 01 26 C8 00 0B 6D 79 53 65 72 76 69 63 65 20 32
           C8 01 0F 49 6E 74 65 72 6E 65 74 2E 31 35 2E 32 33 35
           C4 02 FF FF FF FF`), [
  { path: { objectId: 66, instanceId: 0, resourceId: 0 }, value: 'myService 1' },
  { path: { objectId: 66, instanceId: 0, resourceId: 1 }, value: 'Internet.15.234' },
  { path: { objectId: 66, instanceId: 0, resourceId: 2 }, value: { objectId: 67, instanceId: 0 } },
  { path: { objectId: 66, instanceId: 1, resourceId: 0 }, value: 'myService 2' },
  { path: { objectId: 66, instanceId: 1, resourceId: 1 }, value: 'Internet.15.235' },
  { path: { objectId: 66, instanceId: 1, resourceId: 2 }, value: { objectId: 65535, instanceId: 65535 } },
]);

test('TLV single resource and resource instance paths', () => {
  const ctx = { path: parsePath('/3/0/0'), registry };
  const one = [{ path: { objectId: 3, instanceId: 0, resourceId: 0 }, value: 'Open Mobile Alliance' }];
  assert.equal(encodeContent(TLV, one, ctx).toString('hex'), hex('C8 00 14 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65').toString('hex'));
  const multi = deviceInstanceEntries().filter((e) => e.path.resourceId === 7);
  assert.equal(encodeContent(TLV, multi, { path: parsePath('/3/0/7'), registry }).toString('hex'), '8807084200 0ed8 42011388'.replace(/ /g, ''));
  const inst = [{ path: { objectId: 3, instanceId: 0, resourceId: 7, resourceInstanceId: 1 }, value: 5000 }];
  const instBytes = encodeContent(TLV, inst, { path: parsePath('/3/0/7/1'), registry });
  assert.equal(instBytes.toString('hex'), '42011388');
  assert.deepEqual(decodeContent(TLV, instBytes, { path: parsePath('/3/0/7/1'), registry }), inst);
  // Tolerated: the instance wrapper around a Read /3/0 answer, and bare resource instances at resource level.
  assert.deepEqual(decodeContent(TLV, hex('08 00 05 C3 03 31 2E 30'), { path: parsePath('/3/0'), registry }), [
    { path: { objectId: 3, instanceId: 0, resourceId: 3 }, value: '1.0' },
  ]);
  assert.deepEqual(decodeContent(TLV, hex('41 00 01 41 01 05'), { path: parsePath('/3/0/6'), registry }), [
    { path: { objectId: 3, instanceId: 0, resourceId: 6, resourceInstanceId: 0 }, value: 1 },
    { path: { objectId: 3, instanceId: 0, resourceId: 6, resourceInstanceId: 1 }, value: 5 },
  ]);
});
