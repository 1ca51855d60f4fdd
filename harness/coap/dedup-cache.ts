import type { Endpoint } from '../net/transport.ts';
import { endpointKey } from '../net/transport.ts';

/** The answer already given to a message, sent again when a duplicate arrives. */
export interface CachedReply {
  bytes: Buffer;
  to: Endpoint;
}

interface Record {
  expiresAt: number;
  reply?: CachedReply;
}

/**
 * Message-id duplicate detection (RFC 7252 §4.5): remembers (peer, message id) for a lifetime.
 * Expired records are pruned on use, so no timer keeps a virtual clock running.
 */
export class DedupCache {
  private readonly records = new Map<string, Record>();

  constructor(private readonly now: () => number) {}

  /** Looks the message up; when new, remembers it until now + lifetimeMs. */
  check(peer: Endpoint, messageId: number, lifetimeMs: number): { duplicate: true; reply?: CachedReply } | { duplicate: false } {
    this.prune();
    const key = keyOf(peer, messageId);
    const existing = this.records.get(key);
    if (existing) return existing.reply ? { duplicate: true, reply: existing.reply } : { duplicate: true };
    this.records.set(key, { expiresAt: this.now() + lifetimeMs });
    return { duplicate: false };
  }

  /** Stores the reply given to (peer, message id), e.g. the ACK or the piggybacked response. */
  setReply(peer: Endpoint, messageId: number, reply: CachedReply): void {
    const record = this.records.get(keyOf(peer, messageId));
    if (record) record.reply = reply;
  }

  get size(): number {
    return this.records.size;
  }

  clear(): void {
    this.records.clear();
  }

  private prune(): void {
    const now = this.now();
    // Insertion order is nearly expiry order, so stop at the first live record (keeps this O(expired)).
    for (const [key, record] of this.records) {
      if (record.expiresAt > now) break;
      this.records.delete(key);
    }
  }
}

function keyOf(peer: Endpoint, messageId: number): string {
  return `${endpointKey(peer)}#${messageId}`;
}
