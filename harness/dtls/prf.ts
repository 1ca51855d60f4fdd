import { createHash, createHmac } from 'node:crypto';

/** P_SHA256 of RFC 5246 §5: HMAC chained over A(i) until length bytes are produced. */
function pSha256(secret: Buffer, seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  let produced = 0;
  let a = seed; // A(0)
  while (produced < length) {
    a = createHmac('sha256', secret).update(a).digest();
    const block = createHmac('sha256', secret).update(a).update(seed).digest();
    blocks.push(block);
    produced += block.length;
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** The TLS 1.2 PRF with SHA-256 (the PRF of every suite this folder implements). */
export function prf(secret: Buffer, label: string, seed: Buffer, length: number): Buffer {
  return pSha256(secret, Buffer.concat([Buffer.from(label, 'ascii'), seed]), length);
}

/** The handshake hash of the PRF's digest (SHA-256). */
export function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}
