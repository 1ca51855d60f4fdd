import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { DirectionKeys } from '../keys.ts';
import { additionalData, epochAndSequence } from '../record.ts';
import type { CipherSuite, RecordCipher, RecordContext } from './cipher.ts';

const TAG_LENGTH = 8;
const EXPLICIT_NONCE_LENGTH = 8;

/**
 * AES-128-CCM with an 8-byte tag (RFC 6655 §3, RFC 7925's mandatory suite). The nonce is the 4-byte salt
 * from the key block followed by an 8-byte explicit part sent in clear; using epoch||sequence as that part
 * makes it unique per key without extra state.
 */
class Ccm8Cipher implements RecordCipher {
  constructor(private readonly keys: DirectionKeys) {}

  protect(context: RecordContext, plaintext: Buffer): Buffer {
    const explicit = epochAndSequence(context.epoch, context.sequence);
    const nonce = Buffer.concat([this.keys.fixedIv, explicit]);
    const cipher = createCipheriv('aes-128-ccm', this.keys.encKey, nonce, { authTagLength: TAG_LENGTH });
    cipher.setAAD(additionalData(context.type, context.version, context.epoch, context.sequence, plaintext.length), { plaintextLength: plaintext.length });
    const body = Buffer.concat([cipher.update(nonNull(plaintext)), cipher.final()]);
    return Buffer.concat([explicit, body, cipher.getAuthTag()]);
  }

  unprotect(context: RecordContext, fragment: Buffer): Buffer | undefined {
    if (fragment.length < EXPLICIT_NONCE_LENGTH + TAG_LENGTH) return undefined;
    const explicit = fragment.subarray(0, EXPLICIT_NONCE_LENGTH);
    const body = fragment.subarray(EXPLICIT_NONCE_LENGTH, fragment.length - TAG_LENGTH);
    const tag = fragment.subarray(fragment.length - TAG_LENGTH);
    const nonce = Buffer.concat([this.keys.fixedIv, explicit]);
    try {
      const decipher = createDecipheriv('aes-128-ccm', this.keys.encKey, nonce, { authTagLength: TAG_LENGTH });
      decipher.setAuthTag(tag);
      decipher.setAAD(additionalData(context.type, context.version, context.epoch, context.sequence, body.length), { plaintextLength: body.length });
      const plain = decipher.update(nonNull(body));
      decipher.final(); // throws when the tag does not match
      return plain;
    } catch {
      return undefined;
    }
  }

  openUnverified(_context: RecordContext, fragment: Buffer): Buffer | undefined {
    if (fragment.length < EXPLICIT_NONCE_LENGTH + TAG_LENGTH) return undefined;
    const nonce = Buffer.concat([this.keys.fixedIv, fragment.subarray(0, EXPLICIT_NONCE_LENGTH)]);
    return ccmCtrOpen(this.keys.encKey, nonce, fragment.subarray(EXPLICIT_NONCE_LENGTH, fragment.length - TAG_LENGTH));
  }
}

/** CCM encrypts with CTR mode; its first payload counter block is flags(L-1 = 2) || nonce || 1 (RFC 3610 §2.3). */
function ccmCtrOpen(key: Buffer, nonce: Buffer, body: Buffer): Buffer {
  const counter = Buffer.concat([Buffer.from([2]), nonce, Buffer.from([0, 0, 1])]);
  const ctr = createDecipheriv('aes-128-ctr', key, counter);
  return Buffer.concat([ctr.update(body), ctr.final()]);
}

export const TLS_PSK_WITH_AES_128_CCM_8: CipherSuite = {
  id: 0xc0a8,
  name: 'TLS_PSK_WITH_AES_128_CCM_8',
  keySizes: { macKey: 0, encKey: 16, fixedIv: 4 },
  create: (keys) => new Ccm8Cipher(keys),
};

/**
 * OpenSSL skips a CCM update whose data pointer is null (a zero-length buffer with no backing store, e.g.
 * randomBytes(0)), and final() then fails with "tag not set". A freshly allocated empty buffer works.
 */
function nonNull(data: Buffer): Buffer {
  return data.length === 0 ? Buffer.alloc(0) : data;
}
