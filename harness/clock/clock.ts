/**
 * The one source of time for the server, the engine and the emulated client.
 * With real devices it is the wall clock; with emulated devices it is a virtual clock
 * that jumps to the next timer whenever nothing is in flight (see virtual-clock.ts).
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the Unix epoch, in this clock's time. */
  now(): number;
  /** Runs fn once after ms milliseconds of this clock's time. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Runs fn every ms milliseconds of this clock's time until cancelled. */
  setInterval(fn: () => void, ms: number): TimerHandle;
  /** Resolves after ms milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
  /** 'real' or 'virtual': reported in results.json as run.clock. */
  readonly kind: 'real' | 'virtual';
}
