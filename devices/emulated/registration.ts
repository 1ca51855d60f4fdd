import type { Clock, TimerHandle } from '../../harness/clock/clock.ts';
import type { Endpoint } from '../../harness/net/transport.ts';
import { ContentFormat } from '../../harness/lwm2m/values.ts';
import type { ClientCoap } from './client-coap.ts';

export type RegistrationState = 'idle' | 'registering' | 'registered' | 'disabled' | 'stopped';

export interface RegistrationParams {
  endpoint: string;
  lifetime: number;
  binding: string;
  /** MSISDN for an SMS binding (the `sms` parameter). */
  sms?: string;
}

export interface RegistrationDeps {
  clock: Clock;
  server: Endpoint;
  coap(): ClientCoap | undefined;
  params(): RegistrationParams;
  /** The Register/Update object list in link format (`</1/0>,</3/0>,...`). */
  objectLinks(): string;
  /** Fault hook: never send Updates. */
  skipUpdates?: boolean;
  /** Fault hook: a new Register wherever an Update is due. */
  registerInsteadOfUpdate?: boolean;
  /** Seconds to wait before trying to register again after a failure. */
  retryS?: number;
  onEvent?(event: RegistrationEvent): void;
}

export type RegistrationEvent =
  | { kind: 'registered'; location: string[]; at: number }
  | { kind: 'updated'; at: number }
  | { kind: 'deregistered'; at: number }
  | { kind: 'failed'; operation: 'register' | 'update' | 'deregister'; code?: string; at: number };

/** Seconds before the end of the lifetime at which the client sends its Update: a tenth, between 1 s and 60 s. */
export function updateMarginS(lifetime: number): number {
  return Math.max(1, Math.min(60, Math.floor(lifetime / 10)));
}

/**
 * The Registration interface from the client's side (LwM2M 1.0 TS §5.3): Register with ep, lt, lwm2m, b and the
 * object list; Update before the lifetime ends (and when a parameter changes); De-register. Every timer is on
 * the run's Clock.
 */
export class RegistrationSession {
  state: RegistrationState = 'idle';
  location: string[] = [];
  private sent: RegistrationParams | undefined;
  private sentLinks = '';
  private timer: TimerHandle | undefined;

  constructor(private readonly deps: RegistrationDeps) {}

  async register(): Promise<boolean> {
    const coap = this.deps.coap();
    if (!coap || this.state === 'stopped') return false;
    this.cancelTimer();
    this.state = 'registering';
    const params = this.deps.params();
    const links = this.deps.objectLinks();
    const query = [`ep=${params.endpoint}`, `lt=${params.lifetime}`, 'lwm2m=1.0', `b=${params.binding}`];
    if (params.sms !== undefined) query.push(`sms=${params.sms}`);
    try {
      const res = await coap.request(this.deps.server, {
        method: 'POST',
        path: ['rd'],
        query,
        contentFormat: ContentFormat.LINK,
        payload: Buffer.from(links),
      });
      if (this.state !== 'registering') return false;
      if (res.code !== '2.01') {
        this.failed('register', res.code);
        return false;
      }
      this.location = res.locationPath;
      this.sent = params;
      this.sentLinks = links;
      this.state = 'registered';
      this.deps.onEvent?.({ kind: 'registered', location: this.location, at: this.deps.clock.now() });
      this.scheduleUpdate();
      return true;
    } catch {
      if (this.state === 'registering') this.failed('register');
      return false;
    }
  }

  /** Registration Update now, with only what changed (lt, b, object list). */
  async update(): Promise<boolean> {
    const coap = this.deps.coap();
    if (!coap || this.state !== 'registered' || !this.sent) return false;
    if (this.deps.registerInsteadOfUpdate) return this.register();
    this.cancelTimer();
    const params = this.deps.params();
    const links = this.deps.objectLinks();
    const query: string[] = [];
    if (params.lifetime !== this.sent.lifetime) query.push(`lt=${params.lifetime}`);
    if (params.binding !== this.sent.binding) query.push(`b=${params.binding}`);
    if (params.sms !== undefined && (params.sms !== this.sent.sms || params.binding !== this.sent.binding)) query.push(`sms=${params.sms}`);
    const linksChanged = links !== this.sentLinks;
    try {
      const res = await coap.request(this.deps.server, {
        method: 'POST',
        path: this.location,
        query,
        ...(linksChanged ? { contentFormat: ContentFormat.LINK, payload: Buffer.from(links) } : {}),
      });
      if (this.state !== 'registered') return false;
      if (res.code !== '2.04') {
        // The server forgot us (4.04) or refuses: register from scratch, as the TS asks.
        this.deps.onEvent?.({ kind: 'failed', operation: 'update', code: res.code, at: this.deps.clock.now() });
        void this.register();
        return false;
      }
      this.sent = params;
      this.sentLinks = links;
      this.deps.onEvent?.({ kind: 'updated', at: this.deps.clock.now() });
      this.scheduleUpdate();
      return true;
    } catch {
      if (this.state === 'registered') {
        this.deps.onEvent?.({ kind: 'failed', operation: 'update', at: this.deps.clock.now() });
        void this.register();
      }
      return false;
    }
  }

  /** De-register (DELETE on the registration location). */
  async deregister(): Promise<boolean> {
    const coap = this.deps.coap();
    const wasRegistered = this.state === 'registered';
    this.cancelTimer();
    this.state = 'idle';
    if (!coap || !wasRegistered) return false;
    try {
      const res = await coap.request(this.deps.server, { method: 'DELETE', path: this.location });
      this.deps.onEvent?.({ kind: 'deregistered', at: this.deps.clock.now() });
      return res.code === '2.02';
    } catch {
      this.deps.onEvent?.({ kind: 'failed', operation: 'deregister', at: this.deps.clock.now() });
      return false;
    }
  }

  /** Silence (Disable, or a reboot): no timers, no messages until register() is called again. */
  halt(state: 'disabled' | 'stopped' | 'idle'): void {
    this.cancelTimer();
    this.state = state;
  }

  /** After a restart that kept the registration (a fault): carry on with an Update on the old location. */
  resume(): Promise<boolean> {
    if (!this.sent || this.location.length === 0) return this.register();
    this.state = 'registered';
    return this.update();
  }

  /** Allows register() again after halt('stopped'). */
  reset(): void {
    this.cancelTimer();
    this.state = 'idle';
    this.location = [];
    this.sent = undefined;
  }

  private scheduleUpdate(): void {
    if (this.deps.skipUpdates) return;
    const lifetime = this.sent?.lifetime ?? this.deps.params().lifetime;
    const delayMs = Math.max(1, lifetime - updateMarginS(lifetime)) * 1000;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, delayMs);
  }

  private failed(operation: 'register', code?: string): void {
    this.state = 'idle';
    this.deps.onEvent?.({ kind: 'failed', operation, ...(code ? { code } : {}), at: this.deps.clock.now() });
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      void this.register();
    }, (this.deps.retryS ?? 60) * 1000);
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }
}
