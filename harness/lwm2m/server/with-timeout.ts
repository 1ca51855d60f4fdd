import type { Clock } from '../../clock/clock.ts';
import { TimeoutError } from '../../errors.ts';

/** Races `work` against the run's clock; the loser is ignored (its rejection is swallowed). */
export function withTimeout<T>(clock: Clock, work: Promise<T>, ms: number, what: string, context: Record<string, unknown> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new TimeoutError(what, ms, context)), ms);
    work.then(
      (value) => {
        timer.cancel();
        resolve(value);
      },
      (err: unknown) => {
        timer.cancel();
        reject(err);
      },
    );
  });
}
