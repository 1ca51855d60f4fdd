import type { Clock, TimerHandle } from '../../harness/clock/clock.ts';
import type { DatagramTransport, Endpoint } from '../../harness/net/transport.ts';
import type { Random } from '../../harness/random.ts';
import { builtinRegistry, type ObjectRegistry } from '../../harness/lwm2m/model/registry.ts';
import { InputError } from '../../harness/errors.ts';
import { ClientCoap } from './client-coap.ts';
import { formatCoapUri, parseCoapUri } from './coap-uri.ts';
import { objectLinks } from './object-links.ts';
import { QueueModeRadio } from './queue-mode.ts';
import { wireFaults } from './wire-faults.ts';
import { Stimulus } from './stimulus.ts';
import { DmHandler } from './dm-handler.ts';
import { FaultHook, type FaultSet } from './faults.ts';
import { buildDefaultObjects, type DeviceObjects } from './objects/default-objects.ts';
import { DEFAULT_IDENTITY, type DeviceActions, type DeviceIdentity } from './objects/device-context.ts';
import { SERVER_OBJECT, ServerResource } from './objects/server.ts';
import { AttributeStore } from './observe/attributes.ts';
import { Observations } from './observe/observations.ts';
import { RegistrationSession, type RegistrationEvent, type RegistrationParams, type RegistrationState } from './registration.ts';

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
  /** MSISDN sent as `sms` when the binding has an S (the client has no SMS bearer: it only claims one). */
  smsNumber?: string;
  /** Queue mode (binding with Q): how long the radio stays on after the device last sent (default 93 s). */
  queueAwakeMs?: number;
  onEvent?(event: ClientEvent): void;
}

export type ClientEvent =
  | RegistrationEvent
  | { kind: 'rebooting' | 'disabled' | 'booted' | 'sleeping'; at: number }
  | { kind: 'notification'; path: string; at: number };

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
  readonly registry: ObjectRegistry;
  private readonly faults: FaultSet;
  private readonly server: Endpoint;
  private readonly identity: DeviceIdentity;
  private objects!: DeviceObjects;
  private coap: ClientCoap | undefined;
  private readonly attributes = new AttributeStore();
  private observations: Observations;
  private readonly registration: RegistrationSession;
  private transport: DatagramTransport;
  private bootTimer: TimerHandle | undefined;
  private booting = false;
  /** Set after the first power-on: later starts are boots from flash (HLF-001's serial fault acts there). */
  private poweredOnBefore = false;
  private readonly radio: QueueModeRadio;
  /** The lifetime the registration runs on (differs from /1/0/1 only under LIFETIME_WRITE_NOT_APPLIED). */
  private lifetimeInUse: number | undefined;
  private stopUnsubscribe: (() => void) | undefined;

  constructor(private readonly options: EmulatedClientOptions) {
    this.clock = options.clock;
    this.transport = options.transport;
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
      params: () => this.registrationParams(),
      objectLinks: () => this.objectLinks(),
      skipUpdates: this.faults.has(FaultHook.NO_REGISTRATION_UPDATE),
      registerInsteadOfUpdate: this.faults.has(FaultHook.REGISTER_INSTEAD_OF_UPDATE),
      onEvent: (e) => options.onEvent?.(e),
    });
    this.radio = new QueueModeRadio({
      clock: this.clock,
      ...(options.queueAwakeMs !== undefined ? { awakeMs: options.queueAwakeMs } : {}),
      announce: () => void this.registration.update(),
      silentWake: this.faults.has(FaultHook.QUEUE_WAKE_WITHOUT_UPDATE),
      onSleep: () => options.onEvent?.({ kind: 'sleeping', at: this.clock.now() }),
    });
    this.stimulus = new Stimulus(this);
  }

  /**
   * Powers on: opens the CoAP endpoint and registers; resolves true once registered. A new transport may be
   * given (a power cycle opens a new socket, as a real board gets a new source port); the objects persist.
   */
  async start(transport?: DatagramTransport): Promise<boolean> {
    if (transport) this.transport = transport;
    if (this.poweredOnBefore) this.bootFaults();
    this.poweredOnBefore = true;
    this.lifetimeInUse = undefined;
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
    this.radio.cancel();
    this.closeCoap();
  }

  /** Restart: volatile state is lost; after the boot delay the device registers again. */
  reboot(): void {
    this.restart(() => this.start());
  }

  /** Factory reset: the objects return to their factory values (serial number and firmware stay), then reboot. */
  factoryReset(): void {
    this.objects.firmware.cancelTimers();
    if (!this.faults.has(FaultHook.FACTORY_RESET_KEEPS_CONFIG)) this.buildObjects();
    this.reboot();
  }

  private restart(boot: () => Promise<boolean>): void {
    this.options.onEvent?.({ kind: 'rebooting', at: this.clock.now() });
    this.bootTimer?.cancel();
    this.radio.cancel();
    this.closeCoap();
    const keepSession = this.registration.state === 'registered';
    this.registration.halt('stopped');
    if (!keepSession) this.registration.reset();
    this.booting = true;
    this.bootTimer = this.clock.setTimeout(() => {
      this.bootTimer = undefined;
      this.booting = false;
      this.options.onEvent?.({ kind: 'booted', at: this.clock.now() });
      void boot();
    }, this.options.bootDelayMs ?? 5000);
  }

  /** Exec /3/0/4. Under REBOOT_SKIPS_REGISTER the device comes back on its old registration with an Update. */
  private rebootByServer(): void {
    if (!this.faults.has(FaultHook.REBOOT_SKIPS_REGISTER)) return this.reboot();
    this.restart(async () => {
      this.openCoap();
      return this.registration.resume();
    });
  }

  /** The device reports an error code in /3/0/11 (a stimulus). */
  raiseError(code: number): void {
    if (this.faults.has(FaultHook.ERROR_CODE_NOT_REPORTED)) return;
    this.objects.device.raiseError(code);
  }

  /** A local event wakes a sleeping queue-mode device; without queue mode there is nothing to wake. */
  wake(): void {
    this.radio.wake();
  }

  /** What a buggy boot does differently (the device's flash is read back wrongly). */
  private bootFaults(): void {
    if (this.faults.has(FaultHook.SERIAL_CHANGES_ON_REBOOT)) {
      this.identity.serialNumber = `EMU-${this.random.int(100000, 999999)}`;
      this.objects.device.instance.update(2, this.identity.serialNumber);
    }
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
    return this.transport.local;
  }

  // ---- internals -------------------------------------------------------------------------------------

  private actions(): DeviceActions {
    return {
      reboot: () => this.rebootByServer(),
      factoryReset: () => this.factoryReset(),
      registrationUpdateTrigger: () => {
        if (!this.faults.has(FaultHook.IGNORE_UPDATE_TRIGGER)) void this.registration.update();
      },
      disable: () => void this.disable(),
      serverSettingChanged: (_ssid, resourceId) => {
        if (resourceId === ServerResource.LIFETIME && this.faults.has(FaultHook.LIFETIME_WRITE_NOT_APPLIED)) return;
        if (resourceId === ServerResource.BINDING) this.radio.setEnabled(this.binding().includes('Q'));
        // Answer the Write first, then tell the server the new lifetime or binding.
        queueMicrotask(() => void this.registration.update());
      },
    };
  }

  private async disable(): Promise<void> {
    const timeoutS = Number(this.objects.tree.instance(SERVER_OBJECT, 0)?.read(ServerResource.DISABLE_TIMEOUT) ?? 86400);
    this.options.onEvent?.({ kind: 'disabled', at: this.clock.now() });
    if (!this.faults.has(FaultHook.DISABLE_WITHOUT_DEREGISTER)) await this.registration.deregister();
    this.observations.stopAll();
    this.registration.halt('disabled');
    if (this.faults.has(FaultHook.NEVER_RETURNS_AFTER_DISABLE)) return;
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
        localAddress: () => this.transport.local.address,
      },
      serverUri: formatCoapUri(this.server),
      server: {
        shortServerId: this.options.shortServerId ?? 101,
        lifetime: this.options.lifetime ?? 300,
        binding: this.options.binding ?? 'U',
      },
      faults: this.faults,
      exclude: new Set(this.options.excludeObjects ?? []),
      download: (uri) => this.download(uri),
      install: (version) => {
        if (!this.faults.has(FaultHook.FIRMWARE_VERSION_UNCHANGED)) {
          this.identity.firmwareVersion = version;
          this.objects.device.setFirmwareVersion(version);
        }
        this.reboot();
      },
    });
    this.stopUnsubscribe = this.objects.tree.onChange((path) => this.observations.changed(path));
  }

  private newObservations(): Observations {
    return new Observations(this.clock, {
      ignorePmin: this.faults.has(FaultHook.NOTIFY_BEFORE_PMIN),
      ignorePmax: this.faults.has(FaultHook.IGNORE_PMAX),
      ignoreGtLt: this.faults.has(FaultHook.IGNORE_GT_LT),
      ignoreSt: this.faults.has(FaultHook.IGNORE_ST),
      // A sleeping queue-mode device wakes (and announces itself) before it notifies.
      beforeSend: () => this.radio.wake(),
      sent: (path) => this.options.onEvent?.({ kind: 'notification', path, at: this.clock.now() }),
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
      faults: this.faults,
    });
    const faulty = wireFaults(this.faults);
    this.radio.setEnabled(this.binding().includes('Q'));
    this.coap = new ClientCoap(
      this.transport,
      this.random,
      (req, res) => {
        if (!req.confirmable && this.faults.has(FaultHook.NON_CONFIRMABLE_REQUESTS_IGNORED)) return;
        this.objects.statistics.count('rx', req.payload.length);
        dm.handle(req, res);
      },
      {
        inbound: () => this.radio.awake,
        outbound: (data, to) => {
          this.radio.sent();
          this.objects.statistics.count('tx', data.length);
          return faulty ? faulty(data, to) : data;
        },
      },
    );
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

  private registrationParams(): RegistrationParams {
    const configured = this.lifetime();
    const lifetime = this.faults.has(FaultHook.LIFETIME_WRITE_NOT_APPLIED) ? (this.lifetimeInUse ?? configured) : configured;
    this.lifetimeInUse = lifetime;
    let binding = this.binding();
    if (this.faults.has(FaultHook.BINDING_WITHOUT_UDP)) binding = binding.includes('Q') ? 'SQ' : 'S';
    const sms = binding.includes('S') && !this.faults.has(FaultHook.SMS_NUMBER_MISSING) ? this.smsNumber() : undefined;
    return { endpoint: this.options.endpoint, lifetime, binding, ...(sms !== undefined ? { sms } : {}) };
  }

  private smsNumber(): string {
    return this.options.smsNumber ?? '+15550100001';
  }

  private binding(): string {
    return String(this.objects.tree.instance(SERVER_OBJECT, 0)?.read(ServerResource.BINDING) ?? 'U');
  }

  private objectLinks(): string {
    const names = this.faults.has(FaultHook.REGISTER_LINKS_BY_NAME) ? new Map([[7, 'conn-stats']]) : new Map<number, string>();
    return objectLinks(this.objects.tree, names);
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
