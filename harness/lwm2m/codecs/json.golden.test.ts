import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePath } from '../path.ts';
import { ContentFormat } from '../values.ts';
import { decodeContent, encodeContent } from './index.ts';
import { deviceInstanceEntries, exampleRegistry } from './spec-examples.ts';

const registry = exampleRegistry();
const compact = (text: string): string => JSON.stringify(JSON.parse(text));

// LwM2M 1.0 TS (OMA-TS-LightweightM2M-V1_0-20170208-A) §6.4.4 JSON: Read /3/0 answered in JSON.
const OMA_JSON_DEVICE = `{"bn":"/3/0/",
 "e":[
  {"n":"0","sv":"Open Mobile Alliance"},
  {"n":"1","sv":"Lightweight M2M Client"},
  {"n":"2","sv":"345000123"},
  {"n":"3","sv":"1.0"},
  {"n":"6/0","v":1},
  {"n":"6/1","v":5},
  {"n":"7/0","v":3800},
  {"n":"7/1","v":5000},
  {"n":"8/0","v":125},
  {"n":"8/1","v":900},
  {"n":"9","v":100},
  {"n":"10","v":15},
  {"n":"11/0","v":0},
  {"n":"13","v":1367491215},
  {"n":"14","sv":"+02:00"},
  {"n":"16","sv":"U"}]
}`;

test('OMA JSON golden: §6.4.4 Read /3/0', () => {
  const ctx = { path: parsePath('/3/0'), registry };
  assert.equal(encodeContent(ContentFormat.OMA_JSON, deviceInstanceEntries(), ctx).toString(), compact(OMA_JSON_DEVICE));
  assert.deepEqual(decodeContent(ContentFormat.OMA_JSON, Buffer.from(OMA_JSON_DEVICE), ctx), deviceInstanceEntries());
  assert.deepEqual(decodeContent(ContentFormat.LEGACY_JSON, Buffer.from(OMA_JSON_DEVICE), ctx), deviceInstanceEntries());
});

// §6.4.4: a notification carrying three historical values of one resource, relative times against "bt".
// Without "bn" the names are read below the request path (here an Observe on /72).
const OMA_JSON_HISTORY = `{"e":[
  {"n":"1/2","v":22.4,"t":-5},
  {"n":"1/2","v":22.9,"t":-30},
  {"n":"1/2","v":24.1,"t":-50}],
 "bt":25462634
}`;
const HISTORY = [
  { path: parsePath('/72/1/2'), value: 22.4, time: 25462634 - 5 },
  { path: parsePath('/72/1/2'), value: 22.9, time: 25462634 - 30 },
  { path: parsePath('/72/1/2'), value: 24.1, time: 25462634 - 50 },
];

test('OMA JSON golden: §6.4.4 timestamped notification', () => {
  const ctx = { path: parsePath('/72'), registry };
  assert.deepEqual(decodeContent(ContentFormat.OMA_JSON, Buffer.from(OMA_JSON_HISTORY), ctx), HISTORY);
  // Our encoder picks the latest time as "bt"; what it writes reads back to the same entries.
  const encoded = encodeContent(ContentFormat.OMA_JSON, HISTORY, ctx);
  assert.deepEqual(JSON.parse(encoded.toString()), {
    bn: '/72/', bt: 25462629, e: [{ n: '1/2', v: 22.4, t: 0 }, { n: '1/2', v: 22.9, t: -25 }, { n: '1/2', v: 24.1, t: -45 }],
  });
  assert.deepEqual(decodeContent(ContentFormat.OMA_JSON, encoded, ctx), HISTORY);
});

test('OMA JSON single resource and opaque/objlnk/boolean fields', () => {
  const ctx = { path: parsePath('/3/0/0'), registry };
  const one = [{ path: parsePath('/3/0/0'), value: 'Open Mobile Alliance' }];
  assert.equal(encodeContent(ContentFormat.OMA_JSON, one, ctx).toString(), '{"bn":"/3/0/0","e":[{"sv":"Open Mobile Alliance"}]}');
  assert.deepEqual(decodeContent(ContentFormat.OMA_JSON, Buffer.from('{"bn":"/3/0/0","e":[{"sv":"Open Mobile Alliance"}]}'), ctx), one);
  const mixed = [
    { path: parsePath('/0/1/3'), value: Buffer.from('id') },
    { path: parsePath('/0/1/1'), value: false },
  ];
  const text = encodeContent(ContentFormat.OMA_JSON, mixed, { path: parsePath('/0/1'), registry }).toString();
  assert.equal(text, '{"bn":"/0/1/","e":[{"n":"3","sv":"aWQ="},{"n":"1","bv":false}]}');
  const link = [{ path: parsePath('/3/0/22/0'), value: { objectId: 3303, instanceId: 1 } }];
  assert.equal(encodeContent(ContentFormat.OMA_JSON, link, { path: parsePath('/3/0/22'), registry }).toString(), '{"bn":"/3/0/22/","e":[{"n":"0","ov":"3303:1"}]}');
});

// LwM2M 1.1 TS Core (OMA-TS-LightweightM2M_Core-V1_1-20180710-A) §7.4.4, the SenML JSON form of Read /3/0.
const SENML_JSON_DEVICE = `[{"bn":"/3/0/","n":"0","vs":"Open Mobile Alliance"},
 {"n":"1","vs":"Lightweight M2M Client"},
 {"n":"2","vs":"345000123"},
 {"n":"3","vs":"1.0"},
 {"n":"6/0","v":1},
 {"n":"6/1","v":5},
 {"n":"7/0","v":3800},
 {"n":"7/1","v":5000},
 {"n":"8/0","v":125},
 {"n":"8/1","v":900},
 {"n":"9","v":100},
 {"n":"10","v":15},
 {"n":"11/0","v":0},
 {"n":"13","v":1367491215},
 {"n":"14","vs":"+02:00"},
 {"n":"16","vs":"U"}]`;

test('SenML JSON golden: LwM2M 1.1 §7.4.4 Read /3/0', () => {
  const ctx = { path: parsePath('/3/0'), registry };
  assert.equal(encodeContent(ContentFormat.SENML_JSON, deviceInstanceEntries(), ctx).toString(), compact(SENML_JSON_DEVICE));
  assert.deepEqual(decodeContent(ContentFormat.SENML_JSON, Buffer.from(SENML_JSON_DEVICE), ctx), deviceInstanceEntries());
});

test('SenML JSON base fields (RFC 8428 §4.5): bn/bt/bv carry over, t adds to bt, vd is base64url', () => {
  const payload = `[{"bn":"/3303/0/","bt":1.32e9,"bv":20,"n":"5700","v":1.5,"t":-10},
    {"n":"5601","v":-2},
    {"bn":"/0/0/","n":"3","vd":"_-8"},
    {"n":"1","vb":true,"bver":10,"u":"x"}]`;
  const entries = decodeContent(ContentFormat.SENML_JSON, Buffer.from(payload), { registry });
  assert.deepEqual(entries, [
    { path: parsePath('/3303/0/5700'), value: 21.5, time: 1.32e9 - 10 },
    { path: parsePath('/3303/0/5601'), value: 18, time: 1.32e9 },
    { path: parsePath('/0/0/3'), value: Buffer.from([0xff, 0xef]), time: 1.32e9 },
    { path: parsePath('/0/0/1'), value: true, time: 1.32e9 },
  ]);
  const bytes = [{ path: parsePath('/0/0/3'), value: Buffer.from([0xff, 0xef, 0x01]) }];
  assert.equal(encodeContent(ContentFormat.SENML_JSON, bytes, { path: parsePath('/0/0/3'), registry }).toString(), '[{"bn":"/0/0/3","vd":"_-8B"}]');
  assert.throws(() => decodeContent(ContentFormat.SENML_JSON, Buffer.from('[{"n":"/3/0/0","vs":"x","foo_":1}]'), { registry }), /must-understand/);
});
