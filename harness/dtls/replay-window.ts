import { MAX_SEQUENCE } from './record.ts';

/** How many sequence numbers behind the newest one are still tracked (RFC 6347 §4.1.2.6 minimum). */
export const REPLAY_WINDOW_SIZE = 64;

/**
 * The anti-replay sliding window of one read epoch. check() before decrypting (cheap rejection), mark()
 * only after the record authenticated, so a forged record cannot move the window.
 */
export class ReplayWindow {
  private highest = -1;
  /** Bit i set: sequence (highest - i) was seen. A bigint keeps all 64 bits exact. */
  private seen = 0n;

  /** 'ok', or why the record must be dropped. */
  check(sequence: number): 'ok' | 'replayed' | 'too-old' | 'out-of-range' {
    if (!Number.isInteger(sequence) || sequence < 0 || sequence > MAX_SEQUENCE) return 'out-of-range';
    if (sequence > this.highest) return 'ok';
    const age = this.highest - sequence;
    if (age >= REPLAY_WINDOW_SIZE) return 'too-old';
    return (this.seen >> BigInt(age)) & 1n ? 'replayed' : 'ok';
  }

  mark(sequence: number): void {
    if (sequence > this.highest) {
      const shift = this.highest < 0 ? REPLAY_WINDOW_SIZE : sequence - this.highest;
      this.seen = shift >= REPLAY_WINDOW_SIZE ? 0n : (this.seen << BigInt(shift)) & WINDOW_MASK;
      this.seen |= 1n;
      this.highest = sequence;
      return;
    }
    const age = this.highest - sequence;
    if (age < REPLAY_WINDOW_SIZE) this.seen |= 1n << BigInt(age);
  }

  /** The newest sequence number accepted so far (-1 before any). */
  get newest(): number {
    return this.highest;
  }
}

const WINDOW_MASK = (1n << BigInt(REPLAY_WINDOW_SIZE)) - 1n;
