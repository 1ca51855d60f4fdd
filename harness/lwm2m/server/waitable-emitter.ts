import type { Clock } from '../../clock/clock.ts';
import { TimeoutError } from '../../errors.ts';
import { TypedEmitter } from './typed-emitter.ts';

export interface WaitOptions {
  /** Also accept an event already emitted at or after this run-clock time (avoids start-then-wait races). */
  since?: number;
}

interface Recorded<Events> {
  event: keyof Events;
  payload: Events[keyof Events];
  at: number;
}

const HISTORY_LIMIT = 10_000;

/**
 * A typed emitter that remembers recent events and can be awaited on the run's clock: the scenario engine's
 * primitive (`await server.waitFor('registered', (e) => e.registration.endpoint === 'ep1', 30_000)`).
 */
export class WaitableEmitter<Events extends object> extends TypedEmitter<Events> {
  private readonly history: Recorded<Events>[] = [];

  constructor(protected readonly clock: Clock) {
    super();
  }

  override emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    this.history.push({ event, payload, at: this.clock.now() });
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    super.emit(event, payload);
  }

  /** Events of one kind recorded since `since` (run clock), oldest first. */
  recorded<K extends keyof Events>(event: K, since = -Infinity): Events[K][] {
    return this.history.filter((r) => r.event === event && r.at >= since).map((r) => r.payload as Events[K]);
  }

  /**
   * The first matching event of any of `events` (e.g. a bootstrap session that finished or failed), with its
   * name. One timer for all of them, cancelled when one arrives: racing separate waitFor calls would leave the
   * losers' timers running (on the real clock they keep the process alive for their whole timeout).
   */
  waitForFirst<K extends keyof Events>(
    events: readonly K[],
    predicate: (payload: Events[K]) => boolean = () => true,
    timeoutMs = 30_000,
    options: WaitOptions = {},
  ): Promise<{ event: K; payload: Events[K] }> {
    if (options.since !== undefined) {
      const past = this.history.find((r) => r.at >= (options.since as number) && events.includes(r.event as K) && predicate(r.payload as Events[K]));
      if (past !== undefined) return Promise.resolve({ event: past.event as K, payload: past.payload as Events[K] });
    }
    return new Promise((resolve, reject) => {
      const offs = events.map((event) =>
        this.on(event, (payload) => {
          if (!predicate(payload)) return;
          stop();
          resolve({ event, payload });
        }),
      );
      const stop = (): void => {
        for (const off of offs) off();
        timer.cancel();
      };
      const timer = this.clock.setTimeout(() => {
        for (const off of offs) off();
        reject(new TimeoutError(`waiting for ${events.map((e) => `'${String(e)}'`).join(' or ')}`, timeoutMs, { events: events.map(String) }));
      }, timeoutMs);
    });
  }

  /** Resolves with the first matching event; rejects with TimeoutError after timeoutMs of the run's clock. */
  waitFor<K extends keyof Events>(
    event: K,
    predicate: (payload: Events[K]) => boolean = () => true,
    timeoutMs = 30_000,
    options: WaitOptions = {},
  ): Promise<Events[K]> {
    if (options.since !== undefined) {
      const past = this.recorded(event, options.since).find(predicate);
      if (past !== undefined) return Promise.resolve(past);
    }
    return new Promise<Events[K]>((resolve, reject) => {
      const off = this.on(event, (payload) => {
        if (!predicate(payload)) return;
        off();
        timer.cancel();
        resolve(payload);
      });
      const timer = this.clock.setTimeout(() => {
        off();
        reject(new TimeoutError(`waiting for '${String(event)}'`, timeoutMs, { event: String(event) }));
      }, timeoutMs);
    });
  }
}
