import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock/clock.ts';
import type { Endpoint } from '../net/transport.ts';
import { endpointKey } from '../net/transport.ts';
import type { ClientHello } from './messages.ts';

/** How long one cookie secret is used before a new one replaces it (the previous one stays valid one more period). */
export const COOKIE_SECRET_LIFETIME_MS = 5 * 60 * 1000;
const COOKIE_LENGTH = 16;

/**
 * Stateless cookies for HelloVerifyRequest (RFC 6347 §4.2.1): an HMAC over the peer's address and the
 * ClientHello fields that must not change between the two hellos, under a secret that rotates on the clock.
 * The server keeps no state per unverified peer, so spoofed sources cannot make it allocate or amplify.
 */
export class CookieJar {
  private current: Buffer;
  private previous: Buffer | undefined;
  private rotatedAt: number;

  constructor(private readonly clock: Clock, private readonly secretSource: () => Buffer = () => randomBytes(32)) {
    this.current = secretSource();
    this.rotatedAt = clock.now();
  }

  make(peer: Endpoint, hello: ClientHello): Buffer {
    this.rotateIfDue();
    return compute(this.current, peer, hello);
  }

  verify(peer: Endpoint, hello: ClientHello): boolean {
    this.rotateIfDue();
    if (hello.cookie.length !== COOKIE_LENGTH) return false;
    if (timingSafeEqual(compute(this.current, peer, hello), hello.cookie)) return true;
    return this.previous !== undefined && timingSafeEqual(compute(this.previous, peer, hello), hello.cookie);
  }

  /** Rotation is checked lazily on use, so the jar holds no timer (a virtual clock is not kept busy by it). */
  private rotateIfDue(): void {
    const now = this.clock.now();
    if (now - this.rotatedAt < COOKIE_SECRET_LIFETIME_MS) return;
    const periods = Math.floor((now - this.rotatedAt) / COOKIE_SECRET_LIFETIME_MS);
    this.previous = periods === 1 ? this.current : undefined;
    this.current = this.secretSource();
    this.rotatedAt += periods * COOKIE_SECRET_LIFETIME_MS;
  }

  /** Never print the secrets. */
  toJSON(): Record<string, unknown> {
    return { kind: 'CookieJar', secret: '[redacted]' };
  }
}

function compute(secret: Buffer, peer: Endpoint, hello: ClientHello): Buffer {
  const suites = Buffer.alloc(hello.cipherSuites.length * 2);
  hello.cipherSuites.forEach((s, i) => suites.writeUInt16BE(s, i * 2));
  const version = Buffer.alloc(2);
  version.writeUInt16BE(hello.version);
  return createHmac('sha256', secret)
    .update(endpointKey(peer))
    .update(version)
    .update(hello.random)
    .update(Buffer.from([hello.sessionId.length]))
    .update(hello.sessionId)
    .update(suites)
    .update(Buffer.from(hello.compressionMethods))
    .digest()
    .subarray(0, COOKIE_LENGTH);
}
