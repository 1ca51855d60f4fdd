import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prf } from './prf.ts';
import { deriveKeyBlock, finishedVerifyData, masterSecret, pskPremaster } from './keys.ts';

test('TLS 1.2 PRF (SHA-256) matches the published test vector', () => {
  // The widely used vector posted to the IETF TLS list; OpenSSL's TLS1-PRF KDF gives the same bytes.
  const secret = Buffer.from('9bbe436ba940f017b17652849a71db35', 'hex');
  const seed = Buffer.from('a0ba9f936cda311827a6f796ffd5198c', 'hex');
  const expected = Buffer.from(
    'e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab' +
    '4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66', 'hex');
  assert.deepEqual(prf(secret, 'test label', seed, 100), expected);
  // Any prefix length is the prefix of the same stream.
  assert.deepEqual(prf(secret, 'test label', seed, 17), expected.subarray(0, 17));
});

test('PSK premaster secret is length, zeros, length, key (RFC 4279 §2)', () => {
  assert.deepEqual(pskPremaster(Buffer.from('abc')), Buffer.from('00030000000003616263', 'hex'));
});

test('key block splits into distinct per-direction keys of the suite sizes', () => {
  const master = masterSecret(pskPremaster(Buffer.from('k')), Buffer.alloc(32, 1), Buffer.alloc(32, 2));
  assert.equal(master.length, 48);
  const ccm = deriveKeyBlock(master, Buffer.alloc(32, 1), Buffer.alloc(32, 2), { macKey: 0, encKey: 16, fixedIv: 4 });
  assert.equal(ccm.client.encKey.length, 16);
  assert.equal(ccm.server.fixedIv.length, 4);
  assert.notDeepEqual(ccm.client.encKey, ccm.server.encKey);
  const cbc = deriveKeyBlock(master, Buffer.alloc(32, 1), Buffer.alloc(32, 2), { macKey: 32, encKey: 16, fixedIv: 0 });
  // The same PRF stream: CBC's first bytes are the client MAC key, CCM's the client write key.
  assert.deepEqual(cbc.client.macKey.subarray(0, 16), ccm.client.encKey);
  assert.equal(finishedVerifyData(master, 'client', Buffer.alloc(32)).length, 12);
  assert.notDeepEqual(finishedVerifyData(master, 'client', Buffer.alloc(32)), finishedVerifyData(master, 'server', Buffer.alloc(32)));
});
