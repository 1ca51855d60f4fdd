import type { Clock, TimerHandle } from './clock.ts';

// Captured at import so that a virtual clock installed later cannot redirect the real one.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realSetInterval = globalThis.setInterval;
const realClearInterval = globalThis.clearInterval;
const RealDate = globalThis.Date;

/** The wall clock. */
export class RealClock implements Clock {
  readonly kind = 'real' as const;

  now(): number {
    return RealDate.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle = realSetTimeout(fn, Math.max(0, ms));
    return { cancel: () => realClearTimeout(handle) };
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    const handle = realSetInterval(fn, Math.max(1, ms));
    return { cancel: () => realClearInterval(handle) };
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      realSetTimeout(resolve, Math.max(0, ms));
    });
  }
}

/** Wall-clock milliseconds, unaffected by any virtual clock; for reporting how long a run really took. */
export function wallNow(): number {
  return RealDate.now();
}
