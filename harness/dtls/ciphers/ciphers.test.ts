import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { TLS_PSK_WITH_AES_128_CBC_SHA256, TLS_PSK_WITH_AES_128_CCM_8 } from './suites.ts';
import type { CipherSuite } from './cipher.ts';

function keysFor(suite: CipherSuite): { macKey: Buffer; encKey: Buffer; fixedIv: Buffer } {
  return { macKey: randomBytes(suite.keySizes.macKey), encKey: randomBytes(suite.keySizes.encKey), fixedIv: randomBytes(suite.keySizes.fixedIv) };
}

for (const suite of [TLS_PSK_WITH_AES_128_CCM_8, TLS_PSK_WITH_AES_128_CBC_SHA256]) {
  test(`${suite.name}: protect/unprotect round trip, and every tampering is refused`, () => {
    const keys = keysFor(suite);
    const writer = suite.create(keys);
    const reader = suite.create(keys);
    const context = { type: 23, version: 0xfefd, epoch: 1, sequence: 5 };
    for (const size of [0, 1, 15, 16, 17, 300]) {
      const plaintext = randomBytes(size);
      const fragment = writer.protect(context, plaintext);
      assert.ok(!fragment.includes(plaintext) || size < 4, 'the plaintext does not appear on the wire');
      assert.deepEqual(reader.unprotect(context, fragment), plaintext);
    }
    const fragment = writer.protect(context, Buffer.from('hello record'));
    for (let i = 0; i < fragment.length; i++) {
      const tampered = Buffer.from(fragment);
      tampered[i] = (tampered[i] ?? 0) ^ 0x01;
      assert.equal(reader.unprotect(context, tampered), undefined, `bit flip at byte ${i} must not authenticate`);
    }
    // The header is authenticated: another sequence number, epoch or type does not open.
    assert.equal(reader.unprotect({ ...context, sequence: 6 }, fragment), undefined);
    assert.equal(reader.unprotect({ ...context, epoch: 2 }, fragment), undefined);
    assert.equal(reader.unprotect({ ...context, type: 22 }, fragment), undefined);
    assert.equal(reader.unprotect(context, fragment.subarray(0, fragment.length - 1)), undefined);
    assert.equal(suite.create(keysFor(suite)).unprotect(context, fragment), undefined, 'another key does not open');
  });
}

test('CCM_8 fragments carry the 8-byte explicit nonce (epoch||sequence) and an 8-byte tag', () => {
  const keys = keysFor(TLS_PSK_WITH_AES_128_CCM_8);
  const fragment = TLS_PSK_WITH_AES_128_CCM_8.create(keys).protect({ type: 23, version: 0xfefd, epoch: 1, sequence: 0x010203 }, Buffer.alloc(10));
  assert.equal(fragment.length, 8 + 10 + 8);
  assert.deepEqual(fragment.subarray(0, 8), Buffer.from('0001000000010203', 'hex'));
});

test('CBC_SHA256 fragments are IV + whole blocks holding plaintext, a 32-byte MAC and padding', () => {
  const keys = keysFor(TLS_PSK_WITH_AES_128_CBC_SHA256);
  const fragment = TLS_PSK_WITH_AES_128_CBC_SHA256.create(keys).protect({ type: 23, version: 0xfefd, epoch: 1, sequence: 1 }, Buffer.alloc(10));
  assert.equal(fragment.length % 16, 0);
  assert.equal(fragment.length, 16 + 48); // 10 + 32 + 6 padding = 48
});
