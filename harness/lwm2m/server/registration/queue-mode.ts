import type { Clock, TimerHandle } from '../../../clock/clock.ts';
import { HarnessError } from '../../../errors.ts';
import { TypedEmitter } from '../typed-emitter.ts';

/** CoAP MAX_TRANSMIT_WAIT with the default parameters (RFC 7252 §4.8.2): how long a queue-mode client listens. */
export const MAX_TRANSMIT_WAIT_MS = 93_000;

export interface QueueModeEvents {
  awake: { endpoint: string; at: number };
  sleeping: { endpoint: string; at: number };
}

/** A held request was dropped because its client went away (de-registered, expired, re-registered). */
export class QueuedRequestDropped extends HarnessError {
  constructor(endpoint: string, reason: string) {
    super(`request held for sleeping client '${endpoint}' dropped: ${reason}`, { origin: 'device', context: { endpoint, reason } });
  }
}

interface HeldTask {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

interface ClientState {
  awake: boolean;
  timer?: TimerHandle;
  held: HeldTask[];
  busy: boolean;
}

/**
 * Queue mode (binding with Q): the server may only talk to a client while it is awake, that is for
 * `awakeWindowMs` after the client's last message. Requests made while it sleeps are held and sent, one at a
 * time and in order, once it wakes up (its next Register or Update).
 */
export class QueueMode extends TypedEmitter<QueueModeEvents> {
  private readonly clients = new Map<string, ClientState>();

  constructor(
    private readonly clock: Clock,
    readonly awakeWindowMs: number = MAX_TRANSMIT_WAIT_MS,
  ) {
    super();
  }

  /** The client sent something (Register, Update, a response): it is awake for another window. */
  seen(endpoint: string): void {
    const state = this.state(endpoint);
    state.timer?.cancel();
    state.timer = this.clock.setTimeout(() => this.fallAsleep(endpoint), this.awakeWindowMs);
    if (!state.awake) {
      state.awake = true;
      this.emit('awake', { endpoint, at: this.clock.now() });
    }
    this.pump(endpoint, state);
  }

  isAwake(endpoint: string): boolean {
    return this.clients.get(endpoint)?.awake ?? false;
  }

  /** Requests waiting for the client to wake up (the one in flight is not counted). */
  heldCount(endpoint: string): number {
    return this.clients.get(endpoint)?.held.length ?? 0;
  }

  /** Runs `task` when the client is awake and no earlier task for it is in flight. */
  run<T>(endpoint: string, task: () => Promise<T>): Promise<T> {
    const state = this.state(endpoint);
    return new Promise<T>((resolve, reject) => {
      state.held.push({ run: task, resolve: resolve as (v: unknown) => void, reject });
      this.pump(endpoint, state);
    });
  }

  /** The client is gone: held requests fail with QueuedRequestDropped, timers stop. */
  forget(endpoint: string, reason: string): void {
    const state = this.clients.get(endpoint);
    if (state === undefined) return;
    state.timer?.cancel();
    this.clients.delete(endpoint);
    for (const task of state.held.splice(0)) task.reject(new QueuedRequestDropped(endpoint, reason));
  }

  close(): void {
    for (const endpoint of [...this.clients.keys()]) this.forget(endpoint, 'server closed');
  }

  private state(endpoint: string): ClientState {
    let state = this.clients.get(endpoint);
    if (state === undefined) {
      state = { awake: false, held: [], busy: false };
      this.clients.set(endpoint, state);
    }
    return state;
  }

  private fallAsleep(endpoint: string): void {
    const state = this.clients.get(endpoint);
    if (state === undefined || !state.awake) return;
    state.awake = false;
    delete state.timer;
    this.emit('sleeping', { endpoint, at: this.clock.now() });
  }

  private pump(endpoint: string, state: ClientState): void {
    if (state.busy || !state.awake) return;
    const task = state.held.shift();
    if (task === undefined) return;
    state.busy = true;
    task
      .run()
      .then(task.resolve, task.reject)
      .finally(() => {
        state.busy = false;
        if (this.clients.get(endpoint) === state) this.pump(endpoint, state);
      });
  }
}
