import type { Clock, TimerHandle } from '../../harness/clock/clock.ts';
import type { DatagramTransport, Endpoint } from '../../harness/net/transport.ts';
import type { Random } from '../../harness/random.ts';
import { builtinRegistry, type ObjectRegistry } from '../../harness/lwm2m/model/registry.ts';
import { formatLinkFormat } from '../../harness/lwm2m/codecs/index.ts';
import { parsePath, formatPath } from '../../harness/lwm2m/path.ts';
import type { ResourceValue } from '../../harness/lwm2m/values.ts';
import { InputError } from '../../harness/errors.ts';
import { ClientCoap } from './client-coap.ts';
import { DmHandler } from './dm-handler.ts';
import { FaultHook, type FaultSet } from './faults.ts';
import { buildDefaultObjects, type DeviceObjects } from './objects/default-objects.ts';
import { DEFAULT_IDENTITY, type DeviceActions, type DeviceIdentity } from './objects/device-context.ts';
import { SERVER_OBJECT, ServerResource } from './objects/server.ts';
import { AttributeStore } from './observe/attributes.ts';
import { Observations } from './observe/observations.ts';
import { RegistrationSession, type RegistrationEvent, type RegistrationState } from './registration.ts';

export interface EmulatedClientOptions {
  transport: DatagramTransport;
  clock: Clock;
  random: Random;
  /** Endpoint client name (the `ep` of Register). */
  endpoint: string;
  /** The server to register with: an endpoint, or a `coap://host:port` URI. */
  server: Endpoint | string;
  lifetime?: number;
  binding?: string;
  shortServerId?: number;
  /** Object ids the device lacks (optional objects); 0, 1 and 3 are always there. */
  excludeObjects?: readonly number[];
  registry?: ObjectRegistry;
  identity?: Partial<DeviceIdentity>;
  faults?: FaultSet;
  /** Time from a reboot until the device registers again (default 5 s). */
  bootDelayMs?: number;
  onEvent?(event: ClientEvent): void;
}

export type ClientEvent = RegistrationEvent | { kind: 'rebooting' | 'disabled' | 'booted'; at: number };

export interface ClientStatus {
  state: RegistrationState | 'booting';
  location: string[];
  lifetime: number;
  serialNumber: string;
  firmwareVersion: string;
  observations: string[];
  errorCodes: number[];
}

/**
 * The built-in conformant LwM2M 1.0 device. It speaks CoAP through node-coap (not the harness's own CoAP
 * layer) over any DatagramTransport, keeps its objects across reboots like flash would (the serial number
 * included) and loses its volatile state (CoAP session, observations, attributes) when it reboots.
 * Every timer runs on the injected Clock; node-coap's own timers run on the globals, which the virtual clock fakes.
 */
export class EmulatedClient {
  readonly stimulus: Stimulus;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly registry: ObjectRegistry;
  private readonly faults: FaultSet;
  private readonly server: Endpoint;
  private readonly identity: DeviceIdentity;
  private objects!: DeviceObjects;
  private coap: ClientCoap | undefined;
  private readonly attributes = new AttributeStore();
  private observations: Observations;
  private readonly registration: RegistrationSession;
  private bootTimer: TimerHandle | undefined;
  private booting = false;
  private stopUnsubscribe: (() => void) | undefined;

  constructor(private readonly options: EmulatedClientOptions) {
    this.clock = options.clock;
    this.random = options.random.fork();
    this.registry = options.registry ?? builtinRegistry();
    this.faults = options.faults ?? new Set();
    this.server = typeof options.server === 'string' ? parseCoapUri(options.server) : options.server;
    this.identity = { ...DEFAULT_IDENTITY, serialNumber: `EMU-${options.endpoint}`, ...options.identity };
    this.observations = this.newObservations();
    this.buildObjects();
    this.registration = new RegistrationSession({
      clock: this.clock,
      server: this.server,
      coap: () => this.coap,
      params: () => ({ endpoint: options.endpoint, lifetime: this.lifetime(), binding: this.binding() }),
      objectLinks: () => this.objectLinks(),
      skipUpdates: this.faults.has(FaultHook.NO_REGISTRATION_UPDATE),
      onEvent: (e) => options.onEvent?.(e),
    });
    this.stimulus = new Stimulus(this);
  }

  /** Opens the CoAP endpoint and registers. Resolves true once registered. */
  async start(): Promise<boolean> {
    this.openCoap();
    this.registration.reset();
    return this.registration.register();
  }

  /** Sends a Registration Update now. */
  update(): Promise<boolean> {
    return this.registration.update();
  }

  deregister(): Promise<boolean> {
    return this.registration.deregister();
  }

  /** Stops everything without a De-register (power off). */
  stop(): void {
    this.bootTimer?.cancel();
    this.bootTimer = undefined;
    this.booting = false;
    this.registration.halt('stopped');
    this.closeCoap();
  }

  /** Power cycle: volatile state is lost; after the boot delay the device registers again. */
  reboot(): void {
    this.options.onEvent?.({ kind: 'rebooting', at: this.clock.now() });
    this.stop();
    if (this.faults.has(FaultHook.SERIAL_CHANGES_ON_REBOOT)) {
      this.identity.serialNumber = `EMU-${this.random.int(100000, 999999)}`;
      this.objects.device.instance.update(2, this.identity.serialNumber);
    }
    this.booting = true;
    this.bootTimer = this.clock.setTimeout(() => {
      this.bootTimer = undefined;
      this.booting = false;
      this.options.onEvent?.({ kind: 'booted', at: this.clock.now() });
      void this.start();
    }, this.options.bootDelayMs ?? 5000);
  }

  /** Factory reset: the objects return to their factory values (serial number and firmware stay), then reboot. */
  factoryReset(): void {
    this.objects.firmware.cancelTimers();
    this.buildObjects();
    this.reboot();
  }

  status(): ClientStatus {
    return {
      state: this.booting ? 'booting' : this.registration.state,
      location: [...this.registration.location],
      lifetime: this.lifetime(),
      serialNumber: String(this.objects.device.instance.read(2)),
      firmwareVersion: String(this.objects.device.instance.read(3)),
      observations: this.observations.paths(),
      errorCodes: this.objects.device.errorCodes(),
    };
  }

  /** The objects, for stimuli and for tests. */
  get deviceObjects(): DeviceObjects {
    return this.objects;
  }

  get local(): Endpoint {
    return this.options.transport.local;
  }

  // ---- internals -------------------------------------------------------------------------------------

  private actions(): DeviceActions {
    return {
      reboot: () => this.reboot(),
      factoryReset: () => this.factoryReset(),
      registrationUpdateTrigger: () => {
        if (!this.faults.has(FaultHook.IGNORE_UPDATE_TRIGGER)) void this.registration.update();
      },
      disable: () => void this.disable(),
      serverSettingChanged: () => {
        // Answer the Write first, then tell the server the new lifetime or binding.
        queueMicrotask(() => void this.registration.update());
      },
    };
  }

  private async disable(): Promise<void> {
    const timeoutS = Number(this.objects.tree.instance(SERVER_OBJECT, 0)?.read(ServerResource.DISABLE_TIMEOUT) ?? 86400);
    this.options.onEvent?.({ kind: 'disabled', at: this.clock.now() });
    await this.registration.deregister();
    this.observations.stopAll();
    this.registration.halt('disabled');
    const waitMs = this.faults.has(FaultHook.IGNORE_DISABLE_TIMEOUT) ? 0 : timeoutS * 1000;
    this.bootTimer = this.clock.setTimeout(() => {
      this.bootTimer = undefined;
      this.registration.reset();
      void this.registration.register();
    }, waitMs);
  }

  private buildObjects(): void {
    this.stopUnsubscribe?.();
    this.objects = buildDefaultObjects({
      registry: this.registry,
      ctx: {
        clock: this.clock,
        actions: this.actions(),
        identity: this.identity,
        localAddress: () => this.options.transport.local.address,
      },
      serverUri: `coap://${this.server.address.includes(':') ? `[${this.server.address}]` : this.server.address}:${this.server.port}`,
      server: {
        shortServerId: this.options.shortServerId ?? 101,
        lifetime: this.options.lifetime ?? 300,
        binding: this.options.binding ?? 'U',
      },
      faults: this.faults,
      exclude: new Set(this.options.excludeObjects ?? []),
      download: (uri) => this.download(uri),
      install: (version) => {
        this.identity.firmwareVersion = version;
        this.objects.device.setFirmwareVersion(version);
        this.reboot();
      },
    });
    this.stopUnsubscribe = this.objects.tree.onChange((path) => this.observations.changed(path));
  }

  private newObservations(): Observations {
    return new Observations(this.clock, {
      ignorePmin: this.faults.has(FaultHook.NOTIFY_BEFORE_PMIN),
      ignorePmax: this.faults.has(FaultHook.IGNORE_PMAX),
    });
  }

  private openCoap(): void {
    this.closeCoap();
    const dm = new DmHandler({
      tree: this.objects.tree,
      registry: this.registry,
      attributes: this.attributes,
      observations: this.observations,
      defaults: () => this.defaultPeriods(),
      afterResponse: (fn) => queueMicrotask(fn),
    });
    this.coap = new ClientCoap(this.options.transport, this.random, (req, res) => {
      this.objects.statistics.count('rx', req.payload.length);
      dm.handle(req, res);
    });
  }

  private closeCoap(): void {
    this.observations.stopAll();
    this.observations = this.newObservations();
    this.attributes.clear();
    this.coap?.close();
    this.coap = undefined;
  }

  private defaultPeriods(): { pmin?: number; pmax?: number } {
    const server = this.objects.tree.instance(SERVER_OBJECT, 0);
    const pmin = server?.read(ServerResource.DEFAULT_PMIN);
    const pmax = server?.read(ServerResource.DEFAULT_PMAX);
    return {
      ...(typeof pmin === 'number' ? { pmin } : {}),
      ...(typeof pmax === 'number' ? { pmax } : {}),
    };
  }

  private lifetime(): number {
    return Number(this.objects.tree.instance(SERVER_OBJECT, 0)?.read(ServerResource.LIFETIME) ?? this.options.lifetime ?? 300);
  }

  private binding(): string {
    return String(this.objects.tree.instance(SERVER_OBJECT, 0)?.read(ServerResource.BINDING) ?? 'U');
  }

  /** The Register object list: every instance but the Security object's (LwM2M 1.0 leaves /0 out). */
  private objectLinks(): string {
    const links = this.objects.tree
      .objectIds()
      .filter((id) => id !== 0)
      .flatMap((id) => {
        const instances = this.objects.tree.instances(id);
        return instances.length === 0 ? [{ uri: `/${id}`, params: {} }] : instances.map((i) => ({ uri: `/${id}/${i.instanceId}`, params: {} }));
      });
    return formatLinkFormat(links);
  }

  private async download(uri: string): Promise<Buffer> {
    const coap = this.coap;
    if (!coap) throw new InputError('emulated client is offline', { uri });
    const url = new URL(uri);
    const res = await coap.request(
      { address: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 5683) },
      { method: 'GET', path: url.pathname.split('/').filter((s) => s !== '').map(decodeURIComponent) },
    );
    if (!res.code.startsWith('2.')) throw new InputError(`download answered ${res.code}`, { uri });
    return res.payload;
  }
}

/** What tests, the engine and the console may do to the device (a board would do it by a shell command). */
export class Stimulus {
  constructor(private readonly client: EmulatedClient) {}

  /** Sets a resource as the device itself would (a sensor reading, a switch): observers are told. */
  set(path: string, value: ResourceValue): void {
    const p = parsePath(path);
    const objects = this.client.deviceObjects;
    if (p.instanceId === undefined || p.resourceId === undefined) throw new InputError(`stimulus needs a resource path: ${path}`);
    const sensor = p.objectId === 3303 && p.resourceId === 5700 ? objects.temperatures.get(p.instanceId) : undefined;
    if (sensor && typeof value === 'number') return sensor.measure(value);
    const light = p.objectId === 3311 && p.resourceId === 5850 ? objects.lights.get(p.instanceId) : undefined;
    if (light && typeof value === 'boolean') return light.set(value);
    const inst = objects.tree.instance(p.objectId, p.instanceId);
    if (!inst) throw new InputError(`no such instance: ${formatPath(p)}`);
    inst.update(p.resourceId, value);
  }

  /** Sends a Registration Update (a button press, a console command). */
  update(): Promise<boolean> {
    return this.client.update();
  }

  reboot(): void {
    this.client.reboot();
  }

  /** The device reports an error code in /3/0/11. */
  raiseError(code: number): void {
    this.client.deviceObjects.device.raiseError(code);
  }

  status(): ClientStatus {
    return this.client.status();
  }
}

function parseCoapUri(uri: string): Endpoint {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new InputError(`not a server URI: '${uri}'`, { uri });
  }
  if (url.protocol !== 'coap:') throw new InputError(`only coap:// is supported by the emulated client so far: '${uri}'`, { uri });
  return { address: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 5683) };
}
