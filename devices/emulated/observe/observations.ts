import type { Clock } from '../../../harness/clock/clock.ts';
import { formatPath, pathContains, type LwM2MPath } from '../../../harness/lwm2m/path.ts';
import type { NotificationStream } from '../client-coap.ts';
import type { NotificationAttributes } from './attributes.ts';
import { NotificationScheduler } from './notification-scheduler.ts';
import type { NotificationOutbox } from './notification-outbox.ts';

export interface ObservationSpec {
  path: LwM2MPath;
  token: Buffer;
  stream: NotificationStream;
  /** Reads and encodes the current value; returns the code, payload and format to notify with. */
  render(): { code: string; payload: Buffer; contentFormat: number };
  numericValue(): number | undefined;
  attributes(): NotificationAttributes;
}

export interface ObservationHooks {
  /** Fault hooks of the scheduler. */
  ignorePmin: boolean;
  ignorePmax: boolean;
  ignoreGtLt?: boolean;
  ignoreSt?: boolean;
  /** Runs before each notification goes out (a queue-mode device wakes first). */
  beforeSend?(): void;
  /** Told after each notification went out, with the observed path. */
  sent?(path: string): void;
  /** Holds confirmable notifications while the server cannot be reached (notification storing, /1/x/6). */
  outbox?: NotificationOutbox;
}

interface Active {
  spec: ObservationSpec;
  scheduler: NotificationScheduler;
}

/** The active observations of one server session; ended by the peer (RST), by Observe=1 or by a reboot. */
export class Observations {
  private readonly active = new Map<string, Active>();

  constructor(private readonly clock: Clock, private readonly hooks: ObservationHooks) {}

  /** Starts after the first answer went out. A new Observe with the same token replaces the old one. */
  start(spec: ObservationSpec): void {
    const key = spec.token.toString('hex');
    this.cancel(spec.token);
    const scheduler = new NotificationScheduler({
      clock: this.clock,
      attributes: spec.attributes,
      numericValue: spec.numericValue,
      ignorePmin: this.hooks.ignorePmin,
      ignorePmax: this.hooks.ignorePmax,
      ignoreGtLt: this.hooks.ignoreGtLt ?? false,
      ignoreSt: this.hooks.ignoreSt ?? false,
      send: () => {
        this.hooks.beforeSend?.();
        // Rendered now: a stored notification carries the value of the moment it occurred.
        const { code, payload, contentFormat } = spec.render();
        const post = (): void => {
          if (this.active.get(key) !== entry) return;
          if (!spec.stream.notify(code, payload, contentFormat) || !code.startsWith('2')) this.cancel(spec.token);
          else this.hooks.sent?.(formatPath(spec.path));
        };
        const { outbox } = this.hooks;
        const peer = spec.stream.peer;
        if (outbox && peer && spec.stream.confirmable) outbox.submit(peer, key, post);
        else post();
      },
    });
    const entry = { spec, scheduler };
    this.active.set(key, entry);
    spec.stream.onEnd(() => {
      this.hooks.outbox?.forget(key);
      if (this.active.get(key) === entry) {
        scheduler.stop();
        this.active.delete(key);
      }
    });
  }

  cancel(token: Buffer): boolean {
    const key = token.toString('hex');
    const entry = this.active.get(key);
    if (!entry) return false;
    this.active.delete(key);
    this.hooks.outbox?.forget(key);
    entry.scheduler.stop();
    entry.spec.stream.end();
    return true;
  }

  /** A value under `changed` changed: every observation of it or of a parent path may notify. */
  changed(changed: LwM2MPath): void {
    for (const { spec, scheduler } of [...this.active.values()]) {
      if (pathContains(spec.path, changed) || pathContains(changed, spec.path)) scheduler.changed();
    }
  }

  /** Attributes on `path` were rewritten: observations at or below it restart their pmax period. */
  attributesChanged(path: LwM2MPath): void {
    for (const { spec, scheduler } of this.active.values()) {
      if (pathContains(path, spec.path)) scheduler.attributesChanged();
    }
  }

  paths(): string[] {
    return [...this.active.values()].map((a) => formatPath(a.spec.path));
  }

  stopAll(): void {
    for (const token of [...this.active.values()].map((a) => a.spec.token)) this.cancel(token);
  }
}
