import type { Clock, TimerHandle } from '../../../clock/clock.ts';

/**
 * A clock for unit tests that moves only when told to (`advance`). Timers fire in time order, each at its
 * exact due time; `advance` also lets pending promise callbacks run between timers so async chains settle.
 */
export class ManualClock implements Clock {
  readonly kind = 'virtual' as const;
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, { due: number; fn: () => void; every?: number }>();

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    this.timers.set(id, { due: this.time + Math.max(0, ms), fn });
    return { cancel: () => this.timers.delete(id) };
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    const every = Math.max(1, ms);
    this.timers.set(id, { due: this.time + every, fn, every });
    return { cancel: () => this.timers.delete(id) };
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  /** Number of timers waiting. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by ms, firing due timers in order. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (let guard = 0; guard < 100_000; guard++) {
      await settle();
      const next = this.nextDue();
      if (next === undefined || next[1].due > target) break;
      const [id, timer] = next;
      this.time = timer.due;
      if (timer.every === undefined) this.timers.delete(id);
      else timer.due += timer.every;
      timer.fn();
    }
    this.time = target;
    await settle();
  }

  private nextDue(): [number, { due: number; fn: () => void; every?: number }] | undefined {
    let best: [number, { due: number; fn: () => void; every?: number }] | undefined;
    for (const entry of this.timers) {
      if (best === undefined || entry[1].due < best[1].due) best = entry;
    }
    return best;
  }
}

/** Lets queued promise callbacks and I/O callbacks run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
