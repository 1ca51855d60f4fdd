import type { Clock, TimerHandle } from '../../../harness/clock/clock.ts';
import type { NotificationAttributes } from './attributes.ts';

export interface SchedulerDeps {
  clock: Clock;
  /** The effective attributes now (they may be rewritten while observing). */
  attributes(): NotificationAttributes;
  /** The observed value when it is a single number (gt/lt/st need it); undefined otherwise. */
  numericValue(): number | undefined;
  /** Sends one notification with the current value. */
  send(): void;
  /** Fault hooks: skip the pmin hold-off, or never send the pmax notification. */
  ignorePmin?: boolean;
  ignorePmax?: boolean;
  ignoreGtLt?: boolean;
  ignoreSt?: boolean;
}

/**
 * When to notify one observation (LwM2M 1.0 TS §5.1.2 and §5.5): a change that passes the gt/lt/st
 * conditions is sent at once if pmin has passed since the last notification, otherwise exactly when it does;
 * without any change a notification goes out pmax after the last one (pmax is ignored unless pmax > pmin).
 */
export class NotificationScheduler {
  private lastSentAt: number;
  private lastSentValue: number | undefined;
  private lastSeenValue: number | undefined;
  private holdTimer: TimerHandle | undefined;
  private pmaxTimer: TimerHandle | undefined;
  private stopped = false;

  /** Call right after the first answer (the Observe response) was sent. */
  constructor(private readonly deps: SchedulerDeps) {
    this.lastSentAt = deps.clock.now();
    this.lastSentValue = deps.numericValue();
    this.lastSeenValue = this.lastSentValue;
    this.armPmax();
  }

  /** The observed value may have changed. */
  changed(): void {
    if (this.stopped) return;
    const value = this.deps.numericValue();
    const passes = this.passesThresholds(value);
    this.lastSeenValue = value;
    if (!passes || this.holdTimer) return;
    const pmin = this.deps.ignorePmin ? 0 : (this.deps.attributes().pmin ?? 0) * 1000;
    const wait = this.lastSentAt + pmin - this.deps.clock.now();
    if (wait <= 0) this.notify();
    else this.holdTimer = this.deps.clock.setTimeout(() => {
      this.holdTimer = undefined;
      this.notify();
    }, wait);
  }

  /** Attributes were rewritten: restart the pmax period from the last notification. */
  attributesChanged(): void {
    if (this.stopped) return;
    this.armPmax();
  }

  stop(): void {
    this.stopped = true;
    this.holdTimer?.cancel();
    this.pmaxTimer?.cancel();
    this.holdTimer = undefined;
    this.pmaxTimer = undefined;
  }

  private passesThresholds(value: number | undefined): boolean {
    const written = this.deps.attributes();
    const gt = this.deps.ignoreGtLt ? undefined : written.gt;
    const lt = this.deps.ignoreGtLt ? undefined : written.lt;
    const st = this.deps.ignoreSt ? undefined : written.st;
    if (value === undefined || (gt === undefined && lt === undefined && st === undefined)) return true;
    const before = this.lastSeenValue;
    const crossed = (t: number | undefined): boolean =>
      t !== undefined && before !== undefined && (before <= t) !== (value <= t);
    if (crossed(gt) || crossed(lt)) return true;
    if (st !== undefined && this.lastSentValue !== undefined && Math.abs(value - this.lastSentValue) >= st) return true;
    return false;
  }

  private notify(): void {
    if (this.stopped) return;
    this.lastSentAt = this.deps.clock.now();
    this.lastSentValue = this.deps.numericValue();
    this.deps.send();
    this.armPmax();
  }

  private armPmax(): void {
    this.pmaxTimer?.cancel();
    this.pmaxTimer = undefined;
    if (this.deps.ignorePmax) return;
    const { pmin, pmax } = this.deps.attributes();
    if (pmax === undefined || pmax <= 0 || (pmin !== undefined && pmax <= pmin)) return;
    const wait = Math.max(0, this.lastSentAt + pmax * 1000 - this.deps.clock.now());
    this.pmaxTimer = this.deps.clock.setTimeout(() => {
      this.pmaxTimer = undefined;
      this.notify();
    }, wait);
  }
}
