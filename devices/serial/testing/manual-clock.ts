import type { Clock, TimerHandle } from '../../../harness/clock/clock.ts';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  every?: number;
}

/**
 * A test clock that moves only when told (advance), or, with autoAdvanceSleeps, jumps forward by the time
 * each sleep() asks for. Deterministic waits for console and power-driver tests, with no global fakes.
 */
export class ManualClock implements Clock {
  readonly kind = 'virtual' as const;
  private time: number;
  private seq = 0;
  private readonly timers = new Set<Timer>();

  constructor(
    start = Date.UTC(2025, 0, 1),
    private readonly options: { autoAdvanceSleeps?: boolean } = {},
  ) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.add({ at: this.time + Math.max(0, ms), seq: this.seq++, fn });
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    const every = Math.max(1, ms);
    return this.add({ at: this.time + every, seq: this.seq++, fn, every });
  }

  sleep(ms: number): Promise<void> {
    if (this.options.autoAdvanceSleeps === true) {
      this.advance(ms);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  /** Moves time forward by ms, running due timers in time order. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (let guard = 0; guard < 100_000; guard++) {
      const next = [...this.timers].filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (next === undefined) break;
      this.time = next.at;
      if (next.every === undefined) this.timers.delete(next);
      else next.at += next.every;
      next.fn();
    }
    this.time = target;
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  private add(timer: Timer): TimerHandle {
    this.timers.add(timer);
    return { cancel: () => this.timers.delete(timer) };
  }
}
