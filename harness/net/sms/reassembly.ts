/**
 * Reassembly of concatenated SMS at the receiver: segments are collected per (sender, reference) in whatever
 * order they arrive, the datagram is handed on once every segment is in, a segment seen twice is dropped, and
 * a message still incomplete after the timeout is given up (its parts are discarded and the loss reported).
 * A reference recently completed stays remembered for the same timeout, so a late copy of one of its segments
 * is a duplicate rather than the start of a message that could never complete.
 */
import type { Clock, TimerHandle } from '../../clock/clock.ts';
import type { ConcatInfo } from './segments.ts';

export type ReassemblyResult =
  | { outcome: 'partial'; received: number; total: number }
  | { outcome: 'complete'; data: Buffer; total: number }
  | { outcome: 'duplicate' }
  | { outcome: 'inconsistent'; reason: string };

export interface ExpiredMessage {
  sender: string;
  reference: number;
  total: number;
  received: number;
}

interface Partial {
  total: number;
  parts: Map<number, Buffer>;
  timer: TimerHandle;
}

/** At most this many messages in reassembly per receiver (the 8-bit reference space per sender is 256). */
const MAX_PENDING = 512;

export class Reassembler {
  private readonly partial = new Map<string, Partial>();
  /** key -> { total, completedAt }, oldest first (Map keeps insertion order). */
  private readonly completed = new Map<string, { total: number; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly onExpired: (message: ExpiredMessage) => void,
  ) {}

  add(sender: string, concat: ConcatInfo, payload: Buffer): ReassemblyResult {
    this.forgetOldCompletions();
    const key = `${sender}\u0000${concat.reference}`;
    const done = this.completed.get(key);
    if (done !== undefined && done.total === concat.total) return { outcome: 'duplicate' };
    let entry = this.partial.get(key);
    if (entry !== undefined && entry.total !== concat.total) {
      return { outcome: 'inconsistent', reason: `segment says ${concat.total} segments, earlier ones said ${entry.total}` };
    }
    if (entry === undefined) {
      if (this.partial.size >= MAX_PENDING) return { outcome: 'inconsistent', reason: `more than ${MAX_PENDING} messages in reassembly` };
      const timer = this.clock.setTimeout(() => this.expire(key, sender, concat.reference), this.timeoutMs);
      entry = { total: concat.total, parts: new Map(), timer };
      this.partial.set(key, entry);
    }
    if (entry.parts.has(concat.sequence)) return { outcome: 'duplicate' };
    entry.parts.set(concat.sequence, Buffer.from(payload));
    if (entry.parts.size < entry.total) return { outcome: 'partial', received: entry.parts.size, total: entry.total };
    entry.timer.cancel();
    this.partial.delete(key);
    this.completed.delete(key);
    this.completed.set(key, { total: entry.total, at: this.clock.now() });
    const ordered: Buffer[] = [];
    for (let sequence = 1; sequence <= entry.total; sequence++) ordered.push(entry.parts.get(sequence) ?? Buffer.alloc(0));
    return { outcome: 'complete', data: Buffer.concat(ordered), total: entry.total };
  }

  /** Messages waiting for segments. */
  pending(): number {
    return this.partial.size;
  }

  /** Drops everything without reporting (the receiver is gone). */
  close(): void {
    for (const entry of this.partial.values()) entry.timer.cancel();
    this.partial.clear();
    this.completed.clear();
  }

  private expire(key: string, sender: string, reference: number): void {
    const entry = this.partial.get(key);
    if (entry === undefined) return;
    this.partial.delete(key);
    this.onExpired({ sender, reference, total: entry.total, received: entry.parts.size });
  }

  private forgetOldCompletions(): void {
    const horizon = this.clock.now() - this.timeoutMs;
    for (const [key, done] of this.completed) {
      if (done.at > horizon) break; // insertion order is completion order
      this.completed.delete(key);
    }
  }
}
