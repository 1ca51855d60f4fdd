import type { Clock, TimerHandle } from '../../../clock/clock.ts';
import type { Endpoint } from '../../../net/transport.ts';
import type { Random } from '../../../random.ts';
import { TypedEmitter } from '../typed-emitter.ts';
import type { RegisterParams, Registration, UpdateParams } from './registration.ts';

export interface RegistrationStoreEvents {
  registered: { registration: Registration; replaced?: Registration; params: RegisterParams };
  updated: { registration: Registration; previous: Registration; params: UpdateParams };
  deregistered: { registration: Registration };
  expired: { registration: Registration };
}

/**
 * The server's registrations, one per endpoint name, with lifetime expiry on the run's clock: a registration
 * lapses exactly `lt` seconds after the last Register or Update (no grace unless one is configured).
 */
export class RegistrationStore extends TypedEmitter<RegistrationStoreEvents> {
  private readonly byEndpoint = new Map<string, Registration>();
  private readonly idToEndpoint = new Map<string, string>();
  private readonly timers = new Map<string, TimerHandle>();

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly options: { expiryGraceMs?: number } = {},
  ) {
    super();
  }

  /** Adds a registration; a Register for an endpoint already known replaces the old one (new id). */
  register(params: RegisterParams, address: Endpoint): Registration {
    const replaced = this.byEndpoint.get(params.endpoint);
    if (replaced !== undefined) this.remove(replaced);
    const id = this.newId();
    const now = this.clock.now();
    const registration: Registration = {
      id,
      endpoint: params.endpoint,
      version: params.version,
      lifetime: params.lifetime,
      binding: params.binding,
      queueMode: params.queueMode,
      ...(params.sms === undefined ? {} : { sms: params.sms }),
      objectLinks: params.objectLinks,
      rootPath: params.rootPath,
      contentFormats: params.contentFormats,
      address: { ...address },
      location: ['rd', id],
      registeredAt: now,
      lastUpdateAt: now,
      expiresAt: now + params.lifetime * 1000,
    };
    this.insert(registration);
    this.emit('registered', replaced === undefined ? { registration, params } : { registration, replaced, params });
    return registration;
  }

  /** Applies an Update to registration `id`; undefined when the id is unknown (the caller answers 4.04). */
  update(id: string, params: UpdateParams, address: Endpoint): Registration | undefined {
    const previous = this.byId(id);
    if (previous === undefined) return undefined;
    const now = this.clock.now();
    const lifetime = params.lifetime ?? previous.lifetime;
    const registration: Registration = {
      ...previous,
      lifetime,
      binding: params.binding ?? previous.binding,
      queueMode: params.queueMode ?? previous.queueMode,
      ...(params.sms === undefined ? {} : { sms: params.sms }),
      objectLinks: params.objectLinks ?? previous.objectLinks,
      rootPath: params.rootPath ?? previous.rootPath,
      contentFormats: params.contentFormats ?? previous.contentFormats,
      address: { ...address },
      lastUpdateAt: now,
      expiresAt: now + lifetime * 1000,
    };
    this.insert(registration);
    this.emit('updated', { registration, previous, params });
    return registration;
  }

  /** Removes registration `id` on the client's request; undefined when unknown. */
  deregister(id: string): Registration | undefined {
    const registration = this.byId(id);
    if (registration === undefined) return undefined;
    this.remove(registration);
    this.emit('deregistered', { registration });
    return registration;
  }

  get(endpoint: string): Registration | undefined {
    return this.byEndpoint.get(endpoint);
  }

  byId(id: string): Registration | undefined {
    const endpoint = this.idToEndpoint.get(id);
    return endpoint === undefined ? undefined : this.byEndpoint.get(endpoint);
  }

  all(): Registration[] {
    return [...this.byEndpoint.values()];
  }

  get size(): number {
    return this.byEndpoint.size;
  }

  /** Cancels every expiry timer (server shutdown); registrations stay readable. */
  close(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  private insert(registration: Registration): void {
    this.byEndpoint.set(registration.endpoint, registration);
    this.idToEndpoint.set(registration.id, registration.endpoint);
    this.timers.get(registration.id)?.cancel();
    const delay = registration.expiresAt - this.clock.now() + (this.options.expiryGraceMs ?? 0);
    this.timers.set(
      registration.id,
      this.clock.setTimeout(() => this.expire(registration.id), delay),
    );
  }

  private expire(id: string): void {
    const registration = this.byId(id);
    if (registration === undefined) return;
    this.remove(registration);
    this.emit('expired', { registration });
  }

  private remove(registration: Registration): void {
    this.timers.get(registration.id)?.cancel();
    this.timers.delete(registration.id);
    this.idToEndpoint.delete(registration.id);
    if (this.byEndpoint.get(registration.endpoint)?.id === registration.id) this.byEndpoint.delete(registration.endpoint);
  }

  /** Short ids from the run's seeded generator, so a run with the same seed hands out the same ids. */
  private newId(): string {
    for (let attempt = 0; attempt < 100; attempt++) {
      const id = this.random.bytes(5).toString('hex');
      if (!this.idToEndpoint.has(id)) return id;
    }
    throw new Error('registration id space exhausted');
  }
}
