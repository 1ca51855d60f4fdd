import { createHash } from 'node:crypto';
import type { HandshakeMessage } from './handshake-fragments.ts';
import { encodeWhole } from './handshake-fragments.ts';

/**
 * The handshake messages both Finished messages (and the extended master secret) are bound to. DTLS hashes
 * each message with its 12-byte header as if sent unfragmented; the first ClientHello and the
 * HelloVerifyRequest of a cookie exchange are left out (RFC 6347 §4.2.6).
 */
export class Transcript {
  private readonly parts: Buffer[] = [];

  add(message: HandshakeMessage): void {
    this.parts.push(encodeWhole(message));
  }

  reset(): void {
    this.parts.length = 0;
  }

  /** SHA-256 of everything added so far (the PRF hash of every suite here). */
  hash(): Buffer {
    const hash = createHash('sha256');
    for (const part of this.parts) hash.update(part);
    return hash.digest();
  }
}
