import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../random.ts';
import { res } from '../model/define.ts';
import { builtinRegistry } from '../model/registry.ts';
import type { ObjectDefinition } from '../model/types.ts';
import { parsePath, pathContains, pathLevel, type LwM2MPath } from '../path.ts';
import { ContentFormat, type ResourceEntry, type ResourceType, type ResourceValue } from '../values.ts';
import { ContentDecodeError, decodeContent, encodeContent } from './index.ts';

// A test object with one single and one multiple resource of every value type.
const TYPES: ResourceType[] = ['String', 'Integer', 'Unsigned Integer', 'Float', 'Boolean', 'Opaque', 'Time', 'Objlnk', 'Corelnk'];
const OBJECT_ID = 10999;
const allTypes: ObjectDefinition = {
  id: OBJECT_ID, name: 'All Types', version: '1.0', urn: 'urn:oma:lwm2m:x:10999', multipleInstances: true, mandatory: false,
  description: 'Round-trip test object',
  resources: TYPES.flatMap((type, i) => [
    res(i, `${type} single`, 'RW', 'single', 'optional', type, 'test'),
    res(100 + i, `${type} multiple`, 'RW', 'multiple', 'optional', type, 'test'),
  ]),
};
const registry = builtinRegistry();
registry.register(allTypes);

function randomString(rnd: Random): string {
  const pool = ['a', 'Z', '0', ' ', '"', '\\', '/', ',', ';', 'ü', '水', '😀', '\n', '<', '>'];
  let s = '';
  for (let n = rnd.int(0, 12); n > 0; n--) s += pool[rnd.int(0, pool.length - 1)];
  return s;
}

function randomInteger(rnd: Random, unsigned: boolean): number {
  const widths = [7, 8, 15, 16, 31, 32, 52];
  const bits = widths[rnd.int(0, widths.length - 1)] as number;
  const magnitude = Math.floor(rnd.next() * 2 ** bits);
  // No -0: JSON has no negative zero, and an integer resource never holds one.
  return unsigned || magnitude === 0 || rnd.chance(0.5) ? magnitude : -magnitude;
}

function randomValue(rnd: Random, type: ResourceType): ResourceValue {
  switch (type) {
    case 'String':
    case 'Corelnk':
      return randomString(rnd);
    case 'Integer':
      return randomInteger(rnd, false);
    case 'Unsigned Integer':
      return randomInteger(rnd, true);
    case 'Time':
      return rnd.int(0, 2 ** 31);
    case 'Float': {
      const kinds = [() => rnd.next() * 1e6 - 5e5, () => rnd.int(-100, 100), () => Math.fround(rnd.next() * 100), () => (rnd.next() - 0.5) * 1e-30, () => rnd.next() * 1e300];
      return (kinds[rnd.int(0, kinds.length - 1)] as () => number)();
    }
    case 'Boolean':
      return rnd.chance(0.5);
    case 'Opaque':
      return rnd.bytes(rnd.chance(0.1) ? rnd.int(250, 300) : rnd.int(0, 12));
    case 'Objlnk':
      return { objectId: rnd.int(0, 65535), instanceId: rnd.int(0, 65535) };
    case 'none':
      throw new Error('no value');
  }
}

/** Entries below `path`, grouped by instance then resource (the order every encoder preserves). */
function randomEntries(rnd: Random, path: LwM2MPath, withTime: boolean): ResourceEntry[] {
  const entries: ResourceEntry[] = [];
  const instances = path.instanceId !== undefined ? [path.instanceId] : [...new Set(Array.from({ length: rnd.int(1, 3) }, () => rnd.int(0, 300)))];
  for (const instanceId of instances) {
    const resources = path.resourceId !== undefined ? [path.resourceId] : allTypes.resources.filter(() => rnd.chance(0.4)).map((r) => r.id);
    if (resources.length === 0) resources.push(0);
    for (const resourceId of resources) {
      const def = allTypes.resources.find((r) => r.id === resourceId)!;
      const ids = !def.multipleInstances ? [undefined]
        : path.resourceInstanceId !== undefined ? [path.resourceInstanceId]
        : [...new Set(Array.from({ length: rnd.int(1, 3) }, () => rnd.int(0, 400)))];
      for (const resourceInstanceId of ids) {
        const p: LwM2MPath = { objectId: OBJECT_ID, instanceId, resourceId };
        if (resourceInstanceId !== undefined) p.resourceInstanceId = resourceInstanceId;
        const entry: ResourceEntry = { path: p, value: randomValue(rnd, def.type) };
        if (withTime) entry.time = rnd.int(1_600_000_000, 1_700_000_000);
        entries.push(entry);
      }
    }
  }
  return entries;
}

function randomRequestPath(rnd: Random, multipleOnly = false): LwM2MPath {
  const level = rnd.int(0, 3);
  const type = rnd.int(0, TYPES.length - 1);
  const resourceId = multipleOnly || rnd.chance(0.5) ? 100 + type : type;
  if (level === 0) return { objectId: OBJECT_ID };
  if (level === 1) return { objectId: OBJECT_ID, instanceId: rnd.int(0, 300) };
  if (level === 2 || resourceId < 100) return { objectId: OBJECT_ID, instanceId: rnd.int(0, 300), resourceId };
  return { objectId: OBJECT_ID, instanceId: rnd.int(0, 300), resourceId, resourceInstanceId: rnd.int(0, 400) };
}

const STRUCTURED: Array<[string, number, boolean]> = [
  ['TLV', ContentFormat.TLV, false],
  ['OMA JSON', ContentFormat.OMA_JSON, true],
  ['SenML JSON', ContentFormat.SENML_JSON, true],
  ['SenML CBOR', ContentFormat.SENML_CBOR, true],
];

for (const [name, format, carriesTime] of STRUCTURED) {
  test(`${name}: random entries of every type round-trip at every path level`, () => {
    const rnd = new Random(format);
    for (let n = 0; n < 400; n++) {
      const path = randomRequestPath(rnd);
      const withTime = carriesTime && rnd.chance(0.3);
      const entries = randomEntries(rnd, path, withTime);
      const ctx = { path, registry };
      const payload = encodeContent(format, entries, ctx);
      assert.deepEqual(decodeContent(format, payload, ctx), entries, `${name} case ${n} at ${JSON.stringify(path)}`);
    }
  });
}

test('text/plain and opaque: single values of every type round-trip', () => {
  const rnd = new Random(42);
  for (let n = 0; n < 500; n++) {
    const type = TYPES[rnd.int(0, TYPES.length - 1)] as ResourceType;
    const resourceId = TYPES.indexOf(type);
    const path = parsePath(`/${OBJECT_ID}/${rnd.int(0, 9)}/${resourceId}`);
    const entries = [{ path, value: randomValue(rnd, type) }];
    const ctx = { path, registry };
    assert.deepEqual(decodeContent(ContentFormat.TEXT, encodeContent(ContentFormat.TEXT, entries, ctx), ctx), entries, `text ${type}`);
    if (type === 'Opaque') assert.deepEqual(decodeContent(ContentFormat.OPAQUE, encodeContent(ContentFormat.OPAQUE, entries, ctx), ctx), entries);
  }
});

const ALL_FORMATS = [ContentFormat.TEXT, ContentFormat.OPAQUE, ContentFormat.TLV, ContentFormat.OMA_JSON, ContentFormat.SENML_JSON, ContentFormat.SENML_CBOR];

test('random and mutated payloads never raise anything but ContentDecodeError', () => {
  const rnd = new Random(1234);
  for (const format of ALL_FORMATS) {
    const valid: Array<[Buffer, LwM2MPath]> = [];
    for (let n = 0; n < 20; n++) {
      const path = format === ContentFormat.TEXT || format === ContentFormat.OPAQUE
        ? parsePath(`/${OBJECT_ID}/0/${format === ContentFormat.OPAQUE ? 5 : rnd.int(0, 8)}`)
        : randomRequestPath(rnd);
      const entries = format === ContentFormat.TEXT || format === ContentFormat.OPAQUE
        ? [{ path, value: randomValue(rnd, allTypes.resources.find((r) => r.id === path.resourceId)!.type) }]
        : randomEntries(rnd, path, false);
      valid.push([encodeContent(format, entries, { path, registry }), path]);
    }
    let accepted = 0;
    for (let n = 0; n < 1500; n++) {
      const [base, path] = valid[rnd.int(0, valid.length - 1)] as [Buffer, LwM2MPath];
      let bytes: Buffer;
      if (n % 3 === 0) bytes = rnd.bytes(rnd.int(0, 40));
      else {
        bytes = Buffer.from(base);
        if (n % 3 === 1 && bytes.length > 0) bytes = bytes.subarray(0, rnd.int(0, bytes.length - 1));
        for (let k = rnd.int(1, 3); k > 0 && bytes.length > 0; k--) bytes[rnd.int(0, bytes.length - 1)] = rnd.int(0, 255);
      }
      const ctxPath = rnd.chance(0.2) ? randomRequestPath(rnd) : path;
      try {
        const out = decodeContent(format, bytes, { path: ctxPath, registry });
        accepted++;
        // Whatever decodes must lie inside the request path and name a resource.
        for (const e of out) {
          assert.ok(pathContains(ctxPath, e.path), `format ${format}: decoded ${JSON.stringify(e.path)} outside ${JSON.stringify(ctxPath)}`);
          assert.ok(pathLevel(e.path) === 'resource' || pathLevel(e.path) === 'resourceInstance');
        }
      } catch (err) {
        assert.ok(err instanceof ContentDecodeError, `format ${format}: unexpected ${String(err)} for ${bytes.toString('hex')}`);
        assert.ok(!/decoder failed/.test(err.message), `format ${format}: a decoder bug surfaced: ${err.message} for ${bytes.toString('hex')}`);
      }
    }
    assert.ok(accepted < 1500, `format ${format} rejects some garbage`);
  }
});
