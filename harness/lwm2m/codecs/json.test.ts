import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePath } from '../path.ts';
import { ContentFormat } from '../values.ts';
import { builtinRegistry } from '../model/registry.ts';
import { ContentDecodeError, ContentEncodeError, decodeContent, encodeContent } from './index.ts';

const registry = builtinRegistry();
const at = (p?: string) => (p === undefined ? { registry } : { path: parsePath(p), registry });

function rejects(format: number, payload: string, path: string | undefined, pattern: RegExp): void {
  assert.throws(() => decodeContent(format, Buffer.from(payload), at(path)), (err: unknown) => {
    assert.ok(err instanceof ContentDecodeError, `ContentDecodeError for ${payload}: ${String(err)}`);
    assert.match(err.message, pattern);
    return true;
  });
}

test('OMA JSON rejects malformed documents and values that do not fit the model', () => {
  const J = ContentFormat.OMA_JSON;
  rejects(J, '{"bn":"/3/0/","e":[', '/3/0', /not valid JSON/);
  rejects(J, '[]', '/3/0', /not a JSON object/);
  rejects(J, '{"bn":"/3/0/"}', '/3/0', /"e" must be an array/);
  rejects(J, '{"bn":3,"e":[]}', '/3/0', /"bn" must be a string/);
  rejects(J, '{"e":[5]}', '/3/0', /record 0 is not an object/);
  rejects(J, '{"bn":"/3/0/","e":[{"n":"9","sv":"100"}]}', '/3/0', /expected "v"/);
  rejects(J, '{"bn":"/3/0/","e":[{"n":"9","v":1.5}]}', '/3/0', /not an integer/);
  rejects(J, '{"bn":"/3/0/","e":[{"n":"9","v":1,"sv":"x"}]}', '/3/0', /exactly one/);
  rejects(J, '{"bn":"/3/0/","e":[{"n":"0","v":1}]}', '/3/0', /expected "sv"/);
  rejects(J, '{"bn":"/0/0/","e":[{"n":"3","sv":"%%"}]}', '/0/0', /base64/);
  rejects(J, '{"bn":"/3/0/","e":[{"n":"22/0","ov":"3"}]}', '/3/0', /objectId:instanceId/);
  rejects(J, '{"bn":"/4/0/","e":[{"n":"2","v":1}]}', '/3/0', /outside the request path/);
  rejects(J, '{"bn":"/3/","e":[{"n":"x","v":1}]}', '/3', /not an LwM2M path/);
  rejects(J, '{"bn":"/3/0","e":[{"v":1}]}', '/3/0', /does not name a resource/);
  rejects(J, '{"bn":"/3/0/","e":[{"n":"9","v":1,"t":"now"}]}', '/3/0', /"t" must be a number/);
});

test('SenML JSON and CBOR reject malformed records', () => {
  const S = ContentFormat.SENML_JSON;
  rejects(S, '{}', '/3/0', /not a JSON array/);
  rejects(S, '[{"bn":"/3/0/","n":"9"}]', '/3/0', /has no value/);
  rejects(S, '[{"bn":"/3/0/","n":"9","v":1,"vs":"1"}]', '/3/0', /more than one value/);
  rejects(S, '[{"bn":"/3/0/","n":"9","v":"1"}]', '/3/0', /"v" must be a number/);
  rejects(S, '[{"bn":"/0/0/","n":"3","vd":"a+b/"}]', '/0/0', /base64url/);
  rejects(S, '[{"bn":"/3/0/","n":"0","v":1}]', '/3/0', /expected "vs"/);
  rejects(S, '[{"n":"/3/0/1","vs":"x"}]', '/1/0', /outside the request path/);
  const C = ContentFormat.SENML_CBOR;
  assert.throws(() => decodeContent(C, Buffer.from('a0', 'hex'), at('/3/0')), /not an array/);
  assert.throws(() => decodeContent(C, Buffer.from('8101', 'hex'), at('/3/0')), /record 0 is not a map/);
  assert.throws(() => decodeContent(C, Buffer.from('81a1 0001'.replace(/ /g, ''), 'hex'), at('/3/0')), /must be a text string/);
  assert.throws(() => decodeContent(C, Buffer.from('81a2 0066 2f332f302f39 0818 64'.replace(/ /g, ''), 'hex'), at('/3/0')), /must be a byte string/);
  assert.throws(() => decodeContent(C, Buffer.from('8', 'hex'), at('/3/0')), (err: unknown) => err instanceof ContentDecodeError && err.offset === 0);
});

test('JSON encoders refuse values that do not fit the resource type', () => {
  for (const f of [ContentFormat.OMA_JSON, ContentFormat.SENML_JSON, ContentFormat.SENML_CBOR]) {
    assert.throws(() => encodeContent(f, [{ path: parsePath('/3/0/9'), value: 'x' }], at('/3/0/9')), ContentEncodeError);
    assert.throws(() => encodeContent(f, [{ path: parsePath('/3/0/4'), value: 1 }], at('/3/0/4')), ContentEncodeError);
  }
});
