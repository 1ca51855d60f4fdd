import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DirectionKeys } from '../keys.ts';
import { additionalData } from '../record.ts';
import type { CipherSuite, RecordCipher, RecordContext } from './cipher.ts';

const BLOCK = 16;
const MAC_LENGTH = 32;

/**
 * AES-128-CBC with HMAC-SHA256, MAC-then-encrypt (RFC 5246 §6.2.3.2): a fresh random IV per record, the MAC
 * over seq_num||header||plaintext, TLS padding (every pad byte holds the pad length).
 */
class CbcSha256Cipher implements RecordCipher {
  constructor(private readonly keys: DirectionKeys) {}

  private mac(context: RecordContext, plaintext: Buffer): Buffer {
    return createHmac('sha256', this.keys.macKey)
      .update(additionalData(context.type, context.version, context.epoch, context.sequence, plaintext.length))
      .update(plaintext)
      .digest();
  }

  protect(context: RecordContext, plaintext: Buffer): Buffer {
    const content = Buffer.concat([plaintext, this.mac(context, plaintext)]);
    const padLength = BLOCK - 1 - (content.length % BLOCK);
    const padded = Buffer.concat([content, Buffer.alloc(padLength + 1, padLength)]);
    const iv = randomBytes(BLOCK);
    const cipher = createCipheriv('aes-128-cbc', this.keys.encKey, iv).setAutoPadding(false);
    return Buffer.concat([iv, cipher.update(padded), cipher.final()]);
  }

  unprotect(context: RecordContext, fragment: Buffer): Buffer | undefined {
    if (fragment.length < 2 * BLOCK || fragment.length % BLOCK !== 0) return undefined;
    const iv = fragment.subarray(0, BLOCK);
    const decipher = createDecipheriv('aes-128-cbc', this.keys.encKey, iv).setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(fragment.subarray(BLOCK)), decipher.final()]);
    const padLength = padded[padded.length - 1] ?? 0;
    // Always compute a MAC, even over bad padding, so that padding errors and MAC errors look alike.
    let paddingOk = padLength + 1 + MAC_LENGTH <= padded.length;
    const contentEnd = paddingOk ? padded.length - padLength - 1 : padded.length - MAC_LENGTH;
    for (let i = contentEnd; paddingOk && i < padded.length; i++) if (padded[i] !== padLength) paddingOk = false;
    const plaintext = padded.subarray(0, Math.max(0, contentEnd - MAC_LENGTH));
    const received = padded.subarray(Math.max(0, contentEnd - MAC_LENGTH), contentEnd);
    const expected = this.mac(context, plaintext);
    const macOk = received.length === MAC_LENGTH && timingSafeEqual(received, expected);
    return paddingOk && macOk ? Buffer.from(plaintext) : undefined;
  }

  openUnverified(_context: RecordContext, fragment: Buffer): Buffer | undefined {
    if (fragment.length < 2 * BLOCK || fragment.length % BLOCK !== 0) return undefined;
    const decipher = createDecipheriv('aes-128-cbc', this.keys.encKey, fragment.subarray(0, BLOCK)).setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(fragment.subarray(BLOCK)), decipher.final()]);
    const end = padded.length - ((padded[padded.length - 1] ?? 0) + 1) - MAC_LENGTH;
    return end >= 0 ? Buffer.from(padded.subarray(0, end)) : undefined;
  }
}

export const TLS_PSK_WITH_AES_128_CBC_SHA256: CipherSuite = {
  id: 0x00ae,
  name: 'TLS_PSK_WITH_AES_128_CBC_SHA256',
  keySizes: { macKey: 32, encKey: 16, fixedIv: 0 },
  create: (keys) => new CbcSha256Cipher(keys),
};
