import FakeTimers from '@sinonjs/fake-timers';
import type { Clock, TimerHandle } from '../../clock/clock.ts';
import { datagramsInFlight } from './transport-pair.ts';

/** A Clock on a standalone (not installed) fake-timers clock, for tests of timing behaviour. */
export class FakeClock implements Clock {
  readonly kind = 'virtual' as const;
  readonly timers = FakeTimers.createClock(1_700_000_000_000);

  now(): number {
    return this.timers.now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.timers.setTimeout(fn, Math.max(0, ms));
    return { cancel: () => this.timers.clearTimeout(id) };
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    const id = this.timers.setInterval(fn, Math.max(1, ms));
    return { cancel: () => this.timers.clearInterval(id) };
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.setTimeout(resolve, ms);
    });
  }

  /**
   * Lets pending I/O (in-memory deliveries) and promise callbacks run, without moving time: returns once no
   * datagram has been in flight for a few event-loop turns. Bounded.
   */
  async drain(maxTurns = 10_000): Promise<void> {
    let quiet = 0;
    for (let turn = 0; turn < maxTurns && quiet < 5; turn++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      quiet = datagramsInFlight() === 0 ? quiet + 1 : 0;
    }
  }

  /**
   * Runs until `promise` settles: drains I/O, and when nothing is in flight jumps to the next timer.
   * Bounded: gives up after maxJumps timer jumps.
   */
  async run<T>(promise: Promise<T>, maxJumps = 1000): Promise<T> {
    let settled = false;
    const tracked = promise.finally(() => {
      settled = true;
    });
    tracked.catch(() => undefined);
    for (let jumps = 0; jumps <= maxJumps; jumps++) {
      await this.drain();
      if (settled) return tracked;
      if (this.timers.countTimers() === 0) break;
      this.timers.next();
    }
    await this.drain();
    if (settled) return tracked;
    throw new Error('FakeClock.run: the promise did not settle (no timers left or too many jumps)');
  }

  /** Advances time by ms, firing timers in order and letting I/O run between them. */
  async advance(ms: number): Promise<void> {
    const target = this.timers.now + ms;
    for (let guard = 0; guard < 10_000; guard++) {
      await this.drain();
      const next = this.nextTimerAt();
      if (next === undefined || next > target) break;
      this.timers.next();
    }
    // No timer is due before target any more: tick just moves the time there.
    this.timers.tick(Math.max(0, target - this.timers.now));
    await this.drain();
  }

  private nextTimerAt(): number | undefined {
    if (this.timers.countTimers() === 0) return undefined;
    // fake-timers does not expose the next due time directly; peek by copying the clock's timer table.
    const timers = (this.timers as unknown as { timers?: Record<string, { callAt: number }> }).timers;
    if (!timers) return undefined;
    let min: number | undefined;
    for (const t of Object.values(timers)) if (min === undefined || t.callAt < min) min = t.callAt;
    return min;
  }
}
