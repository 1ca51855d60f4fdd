import { createClock, withGlobal } from '@sinonjs/fake-timers';
import type { Clock as FakeClock, FakeMethod } from '@sinonjs/fake-timers';
import type { Clock, TimerHandle } from './clock.ts';
import type { BusySource, BusyTracker } from './busy.ts';
import { BusyStuckError, ClockMisuseError, TimerCallbackError, VirtualDeadlockError, VirtualTimeLimitError } from './errors.ts';

/*
 * Why a virtual clock: a scenario that waits out a 24 h lifetime or a 2 h Disable Timeout must finish in
 * milliseconds and give the same result for the same seed (DESIGN §3.1). Time here only moves when
 * runUntil()/advance() move it, and only when nothing is in flight, so a run is a pure function of its seed.
 *
 * Why exactly this toFake list: the emulated client's CoAP stack (node-coap) calls the global setTimeout
 * for its retransmissions, so the globals must be faked too; but faking nextTick, queueMicrotask or
 * setImmediate would stall promise chains and dgram I/O (measured), and those are what we yield to between
 * timers. Never change this list without re-running the dgram tests.
 */
export const FAKED_TIMERS: FakeMethod[] = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'];

/** A fixed default start (2025-01-01T00:00:00Z) so that timestamps in traces are the same on every run. */
export const VIRTUAL_EPOCH = Date.UTC(2025, 0, 1);

// The real setImmediate, captured before anything is faked (it is never faked, but be robust to a caller
// that installs a wider fake).
const realSetImmediate = globalThis.setImmediate;
const yieldTurn = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

/** Guard: two global installs would stack fakes on each other. */
let globallyInstalled: VirtualClock | undefined;

export interface VirtualClockOptions {
  /** Start time in ms since the epoch (default VIRTUAL_EPOCH). */
  now?: number;
  /** Fake the global timers (default true). false: a standalone clock that leaves the process alone. */
  installGlobally?: boolean;
  /** Idle event-loop turns required before time may jump (default 3); lets I/O callbacks and promise chains settle. */
  settleTurns?: number;
  /** Turns to wait for busy sources to drain before giving up with BusyStuckError (default 100000). */
  maxBusyTurns?: number;
}

export interface RunOptions {
  /** Virtual-time budget from the call; the next timer beyond it ends the run with VirtualTimeLimitError. Default 30 days. */
  maxVirtualMs?: number;
  /** Timer callbacks that may run before giving up (guards against a runaway interval). Default 5,000,000. */
  maxTimers?: number;
}

const DEFAULT_MAX_VIRTUAL_MS = 30 * 24 * 3600 * 1000;
const DEFAULT_MAX_TIMERS = 5_000_000;

/** A clock whose time jumps to the next timer whenever no busy source reports work in flight. */
export class VirtualClock implements Clock, BusyTracker {
  readonly kind = 'virtual' as const;
  private readonly fake: FakeClock;
  private readonly installed: boolean;
  private readonly busySources = new Set<BusySource>();
  private readonly settleTurns: number;
  private readonly maxBusyTurns: number;
  private driving = false;
  private uninstalled = false;

  constructor(options: VirtualClockOptions = {}) {
    const now = options.now ?? VIRTUAL_EPOCH;
    this.installed = options.installGlobally ?? true;
    this.settleTurns = Math.max(1, options.settleTurns ?? 3);
    this.maxBusyTurns = options.maxBusyTurns ?? 100_000;
    if (this.installed) {
      if (globallyInstalled) throw new ClockMisuseError('a VirtualClock is already installed on the global timers; uninstall() it first');
      this.fake = withGlobal(globalThis).install({ now, toFake: FAKED_TIMERS, loopLimit: DEFAULT_MAX_TIMERS });
      globallyInstalled = this;
    } else {
      this.fake = createClock(now, DEFAULT_MAX_TIMERS);
    }
  }

  /** True when this clock replaced the global timers. */
  get global(): boolean {
    return this.installed && !this.uninstalled;
  }

  /** Restores the real global timers (pending fake timers are dropped). Idempotent; a no-op for standalone clocks. */
  uninstall(): void {
    if (!this.installed || this.uninstalled) return;
    this.uninstalled = true;
    this.fake.uninstall();
    if (globallyInstalled === this) globallyInstalled = undefined;
  }

  now(): number {
    return this.fake.now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.fake.setTimeout(fn, Math.max(0, ms));
    return { cancel: () => this.fake.clearTimeout(id) };
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    const id = this.fake.setInterval(fn, Math.max(1, ms));
    return { cancel: () => this.fake.clearInterval(id) };
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.fake.setTimeout(() => resolve(), Math.max(0, ms));
    });
  }

  addBusySource(source: BusySource): () => void {
    this.busySources.add(source);
    return () => {
      this.busySources.delete(source);
    };
  }

  /** Work in flight over all busy sources. */
  inFlight(): number {
    let total = 0;
    for (const source of this.busySources) total += source.inFlight();
    return total;
  }

  /** Timers pending on this clock. */
  pendingTimers(): number {
    return this.fake.countTimers();
  }

  /** Virtual time of the next timer, or undefined when none is scheduled. */
  nextTimerAt(): number | undefined {
    return this.fake.timerHeap?.peek()?.callAt;
  }

  /**
   * Drives time until work settles, and settles the same way (its value or its error). Between timers the
   * real event loop runs until I/O and promise chains are quiet; time jumps only then.
   */
  async runUntil<T>(work: Promise<T>, options: RunOptions = {}): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    work.then(
      (value) => { outcome = { ok: true, value }; },
      (error: unknown) => { outcome = { ok: false, error }; },
    );
    const startedAt = this.fake.now;
    const limitAt = startedAt + (options.maxVirtualMs ?? DEFAULT_MAX_VIRTUAL_MS);
    const maxTimers = options.maxTimers ?? DEFAULT_MAX_TIMERS;
    await this.drive('runUntil', async () => {
      for (let fired = 0; ; fired++) {
        await this.settle(() => outcome !== undefined);
        if (outcome) return;
        const next = this.nextTimerAt();
        if (next === undefined) throw new VirtualDeadlockError(this.fake.now, { startedAt, waitedMs: this.fake.now - startedAt });
        if (next > limitAt) {
          throw new VirtualTimeLimitError(`work still pending after ${limitAt - startedAt} ms of virtual time (next timer at +${next - startedAt} ms)`, {
            startedAt, virtualNow: this.fake.now, maxVirtualMs: limitAt - startedAt, nextTimerAt: next,
          });
        }
        if (fired >= maxTimers) {
          throw new VirtualTimeLimitError(`work still pending after ${maxTimers} timer callbacks (a runaway interval?)`, {
            startedAt, virtualNow: this.fake.now, maxTimers,
          });
        }
        this.fireNext();
      }
    });
    if (!outcome) throw new ClockMisuseError('runUntil ended without an outcome (internal error)');
    if (outcome.ok) return outcome.value;
    throw outcome.error;
  }

  /** Runs every timer due within ms (letting I/O settle between them), then sets the time to now + ms. */
  async advance(ms: number): Promise<void> {
    const target = this.fake.now + Math.max(0, ms);
    await this.drive('advance', async () => {
      for (let fired = 0; fired < DEFAULT_MAX_TIMERS; fired++) {
        await this.settle(() => false);
        const next = this.nextTimerAt();
        if (next === undefined || next > target) {
          this.fake.tick(target - this.fake.now); // no timer in range: only moves time
          return;
        }
        this.fireNext();
      }
      throw new VirtualTimeLimitError(`advance(${ms}) ran ${DEFAULT_MAX_TIMERS} timers without reaching its target`, { target });
    });
  }

  private async drive(operation: string, body: () => Promise<void>): Promise<void> {
    if (this.driving) throw new ClockMisuseError(`${operation}: this VirtualClock is already being driven (runUntil/advance do not nest)`);
    if (this.installed && this.uninstalled) throw new ClockMisuseError(`${operation}: this VirtualClock was uninstalled`);
    this.driving = true;
    try {
      await body();
    } finally {
      this.driving = false;
    }
  }

  /** Yields real turns until busy sources are empty for settleTurns turns in a row (or done() says stop). */
  private async settle(done: () => boolean): Promise<void> {
    let idleTurns = 0;
    for (let turns = 0; idleTurns < this.settleTurns; turns++) {
      await yieldTurn();
      if (done()) return;
      const inFlight = this.inFlight();
      if (inFlight === 0) idleTurns++;
      else {
        idleTurns = 0;
        if (turns > this.maxBusyTurns) throw new BusyStuckError(turns, inFlight);
      }
    }
  }

  private fireNext(): void {
    try {
      this.fake.next();
    } catch (error) {
      throw new TimerCallbackError(this.fake.now, error);
    }
  }
}
