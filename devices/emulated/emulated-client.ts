import { inspect } from 'node:util';
import type { Clock, TimerHandle } from '../../harness/clock/clock.ts';
import { coapUri, sameEndpoint, type DatagramTransport, type Endpoint } from '../../harness/net/transport.ts';
import type { Random } from '../../harness/random.ts';
import { builtinRegistry, type ObjectRegistry } from '../../harness/lwm2m/model/registry.ts';
import { ClientCoap } from './client-coap.ts';
import { parseServerUri } from './coap-uri.ts';
import { PeerSecurityTransport, type DtlsSessionFactory } from './security/peer-security-transport.ts';
import { securityForPeer } from './security/peer-security.ts';
import type { PskCredential } from '../../harness/engine/device.ts';
import { objectLinks } from './object-links.ts';
import { QueueModeRadio } from './queue-mode.ts';
import { wireFaults } from './wire-faults.ts';
import { RstAsAck } from './rst-as-ack.ts';
import { Stimulus } from './stimulus.ts';
import { DmHandler } from './dm-handler.ts';
import { downloadPackage } from './package-download.ts';
import { FaultHook, type FaultSet } from './faults.ts';
import { buildDefaultObjects, type DeviceObjects } from './objects/default-objects.ts';
import { DEFAULT_IDENTITY, type DeviceActions, type DeviceIdentity } from './objects/device-context.ts';
import { SERVER_OBJECT, ServerResource } from './objects/server.ts';
import { ACCESS_CONTROL_OBJECT } from './objects/access-control.ts';
import { AttributeStore } from './observe/attributes.ts';
import { Observations } from './observe/observations.ts';
import { NotificationOutbox } from './observe/notification-outbox.ts';
import { RegistrationSession, type RegistrationEvent, type RegistrationParams, type RegistrationState } from './registration.ts';
import { AccessRights, type AccessView } from './access-rights.ts';
import { BootstrapHandler } from './bootstrap-handler.ts';
import { bootstrapEndpoint, isAccountPeer, serverAccounts, type ServerAccount } from './server-accounts.ts';
import type { ObjectInstance, ResourceContent } from './objects/object-instance.ts';
import { buildBootstrapInstance } from './objects/bootstrap-instances.ts';
import type { LwM2MPath } from '../../harness/lwm2m/path.ts';

export interface EmulatedClientOptions {
  transport: DatagramTransport;
  clock: Clock;
  random: Random;
  /** Endpoint client name (the `ep` of Register). */
  endpoint: string;
  /** The server to register with: an endpoint (coap://), or a `coap://` or `coaps://` URI. */
  server: Endpoint | string;
  /**
   * The PSK the factory configuration holds for coaps:// accounts (Security mode 0 with this identity and
   * key); the client then talks DTLS to them. Absent: coaps:// accounts cannot be used.
   */
  psk?: PskCredential;
  /** Another DTLS implementation for its sessions (node-dtls-client over real UDP); default harness/dtls's client side. */
  dtlsSessions?: DtlsSessionFactory;
  lifetime?: number;
  binding?: string;
  shortServerId?: number;
  /** Further LwM2M servers the factory configuration holds accounts for (multi-server; Access Control applies). */
  additionalServers?: ReadonlyArray<{ server: Endpoint | string; shortServerId: number }>;
  /** The bootstrap server (a bootstrap account in /0). */
  bootstrapServer?: Endpoint | string;
  /**
   * The factory configuration: 'server' (default) holds the server account(s); 'bootstrap' holds only the
   * bootstrap account, so the device bootstraps first (client-initiated) and registers with what it was given.
   */
  provisioning?: 'server' | 'bootstrap';
  /** Object ids the device lacks (optional objects); 0, 1 and 3 are always there. */
  excludeObjects?: readonly number[];
  registry?: ObjectRegistry;
  identity?: Partial<DeviceIdentity>;
  faults?: FaultSet;
  /** Time from a reboot until the device registers again (default 5 s). */
  bootDelayMs?: number;
  /** MSISDN sent as `sms` when the binding has an S (reachable there when its transport has an SMS bearer: sms/). */
  smsNumber?: string;
  /** The primary server's SMS number (Security /0/0/9): with binding S alone the device registers there by SMS. */
  serverSmsNumber?: string;
  /** Queue mode (binding with Q): how long the radio stays on after the device last sent (default 93 s). */
  queueAwakeMs?: number;
  onEvent?(event: ClientEvent): void;
}

export type ClientEvent =
  | RegistrationEvent
  | { kind: 'rebooting' | 'disabled' | 'booted' | 'sleeping' | 'bootstrap-requested' | 'bootstrapped'; at: number }
  | { kind: 'notification'; path: string; at: number }
  /** DTLS handshakes, dropped records and refused accounts, as the console would print them (never a key). */
  | { kind: 'security'; detail: string; at: number };

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
/** How long the device waits for a Bootstrap-Finish before it asks again. */
const BOOTSTRAP_RETRY_MS = 120_000;
/** Short Server ID for a request from an address no account names: it has no rights. */
const UNKNOWN_SERVER = -1;

export class EmulatedClient {
  readonly stimulus: Stimulus;
  private readonly clock: Clock;
  private readonly random: Random;
  readonly registry: ObjectRegistry;
  private readonly faults: FaultSet;
  private readonly server: Endpoint;
  /** The factory Server URI of the primary account (its scheme says coap or coaps). */
  private readonly serverUri: string;
  /** What node-coap writes to: this.transport, secured per peer as the Security objects say. */
  private secured: PeerSecurityTransport | undefined;
  private readonly identity: DeviceIdentity;
  private objects!: DeviceObjects;
  private coap: ClientCoap | undefined;
  private readonly attributes = new AttributeStore();
  private observations: Observations;
  private outbox!: NotificationOutbox;
  /** One registration session per server account, by Short Server ID; the first account's is the primary. */
  private readonly sessions = new Map<number, { account: ServerAccount; session: RegistrationSession }>();
  /** Stands in for the primary session while the device has no server account (before bootstrap). */
  private readonly noAccount: RegistrationSession;
  private readonly access: AccessRights;
  private bootstrapTimer: TimerHandle | undefined;
  /** The bootstrap server of a running bootstrap session (its account may be overwritten during the session). */
  private bootstrapPeer: Endpoint | undefined;
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
    this.server = typeof options.server === 'string' ? parseServerUri(options.server).endpoint : options.server;
    this.serverUri = typeof options.server === 'string' ? options.server : coapUri('coap', options.server);
    this.identity = { ...DEFAULT_IDENTITY, serialNumber: `EMU-${options.endpoint}`, ...options.identity };
    this.observations = this.newObservations();
    this.buildObjects();
    this.access = new AccessRights(() => this.objects.tree);
    this.noAccount = new RegistrationSession({
      clock: this.clock,
      server: this.server,
      coap: () => undefined,
      params: () => ({ endpoint: options.endpoint, lifetime: this.options.lifetime ?? 300, binding: 'U' }),
      objectLinks: () => '',
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
    this.syncSessions();
    for (const { session } of this.sessions.values()) session.reset();
    if (this.sessions.size === 0) return this.requestBootstrap();
    const [primary, ...others] = [...this.sessions.values()];
    for (const other of others) void other.session.register();
    return primary ? primary.session.register() : false;
  }

  /** The primary server's registration (the first account), or an idle stand-in before bootstrap. */
  private get registration(): RegistrationSession {
    return this.sessions.values().next().value?.session ?? this.noAccount;
  }

  private sessionFor(shortServerId: number): RegistrationSession | undefined {
    return this.sessions.get(shortServerId)?.session;
  }

  private allSessions(): RegistrationSession[] {
    return [...this.sessions.values()].map((s) => s.session);
  }

  /** Matches the sessions to the server accounts in the objects (after a factory reset or a bootstrap). */
  private syncSessions(): void {
    const accounts = serverAccounts(this.objects.tree);
    const wanted = new Map(accounts.map((a) => [a.shortServerId, a]));
    for (const [ssid, entry] of this.sessions) {
      const account = wanted.get(ssid);
      if (!account || !sameEndpoint(account.endpoint, entry.account.endpoint)) {
        entry.session.halt('stopped');
        this.sessions.delete(ssid);
      }
    }
    for (const account of accounts) {
      const current = this.sessions.get(account.shortServerId);
      if (current) current.account = account;
      else this.sessions.set(account.shortServerId, { account, session: this.newSession(account) });
    }
  }

  private newSession(account: ServerAccount): RegistrationSession {
    return new RegistrationSession({
      clock: this.clock,
      server: account.endpoint,
      coap: () => this.coap,
      params: () => this.registrationParams(account.shortServerId),
      objectLinks: () => this.objectLinks(),
      skipUpdates: this.faults.has(FaultHook.NO_REGISTRATION_UPDATE),
      registerInsteadOfUpdate: this.faults.has(FaultHook.REGISTER_INSTEAD_OF_UPDATE),
      onEvent: (e) => this.options.onEvent?.(e),
    });
  }

  /** Client-initiated bootstrap: POST /bs?ep=...; the bootstrap server then configures the device and finishes. */
  private async requestBootstrap(): Promise<boolean> {
    const coap = this.coap;
    const bs = bootstrapEndpoint(this.objects.tree);
    if (!coap || !bs) return false;
    this.bootstrapPeer = bs;
    this.options.onEvent?.({ kind: 'bootstrap-requested', at: this.clock.now() });
    this.retryBootstrapLater();
    try {
      const res = await coap.request(bs, { method: 'POST', path: ['bs'], query: [`ep=${this.options.endpoint}`] });
      if (res.code !== '2.04') this.options.onEvent?.({ kind: 'failed', operation: 'register', code: res.code, at: this.clock.now() });
    } catch {
      // No answer: the retry timer asks again.
    }
    return false;
  }

  /** Without a Bootstrap-Finish in time the device asks again (a real client's bootstrap hold-off and retry). */
  private retryBootstrapLater(): void {
    this.bootstrapTimer?.cancel();
    this.bootstrapTimer = this.clock.setTimeout(() => {
      this.bootstrapTimer = undefined;
      if (this.sessions.size === 0) void this.requestBootstrap();
    }, BOOTSTRAP_RETRY_MS);
  }

  /** Bootstrap-Finish: accept when a server account exists, then register with every account. */
  private finishBootstrap(): boolean {
    if (serverAccounts(this.objects.tree).length === 0) return false;
    this.bootstrapTimer?.cancel();
    this.bootstrapTimer = undefined;
    queueMicrotask(() => {
      this.bootstrapPeer = undefined;
      this.options.onEvent?.({ kind: 'bootstrapped', at: this.clock.now() });
      for (const session of this.allSessions()) session.halt('stopped');
      this.sessions.clear();
      this.syncSessions();
      for (const session of this.allSessions()) {
        session.reset();
        void session.register();
      }
    });
    return true;
  }

  /** The Access Control view for the server a request came from; none with a single account (TS: full access). */
  private accessFor(from: Endpoint): AccessView | undefined {
    if (this.sessions.size <= 1 || this.faults.has(FaultHook.ACL_IGNORED)) return undefined;
    const entry = [...this.sessions.values()].find((s) => isAccountPeer(s.account, from));
    return this.access.forServer(entry?.account.shortServerId ?? UNKNOWN_SERVER);
  }

  /** Sends a Registration Update now. */
  update(): Promise<boolean> {
    return this.registration.update();
  }

  /** De-registers from every server; resolves with the primary's outcome. */
  async deregister(): Promise<boolean> {
    const [primary, ...others] = this.allSessions();
    const results = await Promise.all([primary ? primary.deregister() : Promise.resolve(false), ...others.map((o) => o.deregister())]);
    return results[0] ?? false;
  }

  /** Stops everything without a De-register (power off). */
  stop(): void {
    this.bootTimer?.cancel();
    this.bootTimer = undefined;
    this.bootstrapTimer?.cancel();
    this.bootstrapTimer = undefined;
    this.booting = false;
    for (const session of this.allSessions()) session.halt('stopped');
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
    this.bootstrapTimer?.cancel();
    this.bootstrapTimer = undefined;
    for (const session of this.allSessions()) {
      const keepSession = session.state === 'registered';
      session.halt('stopped');
      if (!keepSession) session.reset();
    }
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
      for (const session of this.allSessions().slice(1)) void session.resume();
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

  /** Printed forms (logs, util.inspect) show who the device is, never its objects: /0 holds the PSK keys. */
  [inspect.custom](): string {
    return `EmulatedClient ${JSON.stringify({ endpoint: this.options.endpoint, server: this.serverUri, state: this.registration.state })}`;
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
      registrationUpdateTrigger: (ssid) => {
        if (!this.faults.has(FaultHook.IGNORE_UPDATE_TRIGGER)) void this.sessionFor(ssid)?.update();
      },
      disable: (ssid) => void this.disable(ssid),
      serverSettingChanged: (ssid, resourceId) => {
        if (resourceId === ServerResource.LIFETIME && this.faults.has(FaultHook.LIFETIME_WRITE_NOT_APPLIED)) return;
        if (resourceId === ServerResource.BINDING) this.radio.setEnabled(this.binding().includes('Q'));
        // Answer the Write first, then tell the server the new lifetime or binding.
        queueMicrotask(() => void this.sessionFor(ssid)?.update());
      },
    };
  }

  private async disable(ssid: number): Promise<void> {
    const session = this.sessionFor(ssid);
    if (!session) return;
    const timeoutS = Number(this.serverInstance(ssid)?.read(ServerResource.DISABLE_TIMEOUT) ?? 86400);
    this.options.onEvent?.({ kind: 'disabled', at: this.clock.now() });
    if (!this.faults.has(FaultHook.DISABLE_WITHOUT_DEREGISTER)) await session.deregister();
    // Observations are per device here (one CoAP endpoint); with one server that is the same thing.
    if (this.sessions.size <= 1) this.observations.stopAll();
    session.halt('disabled');
    if (this.faults.has(FaultHook.NEVER_RETURNS_AFTER_DISABLE)) return;
    const waitMs = this.faults.has(FaultHook.IGNORE_DISABLE_TIMEOUT) ? 0 : timeoutS * 1000;
    const timer = this.clock.setTimeout(() => {
      if (this.bootTimer === timer) this.bootTimer = undefined;
      session.reset();
      void session.register();
    }, waitMs);
    if (session === this.registration) this.bootTimer = timer;
  }

  /** The Server (/1) instance of an account. */
  private serverInstance(ssid: number): ObjectInstance | undefined {
    const account = this.sessions.get(ssid)?.account;
    return account ? this.objects.tree.instance(SERVER_OBJECT, account.serverInstanceId) : undefined;
  }

  /** /1/x/6 Notification Storing of the account of the server at `peer` (on when no account names it). */
  private notificationStoring(peer: Endpoint): boolean {
    const account = [...this.sessions.values()].find((s) => isAccountPeer(s.account, peer))?.account;
    if (!account) return true;
    return this.serverInstance(account.shortServerId)?.read(ServerResource.NOTIFICATION_STORING) !== false;
  }

  /** The primary account's Server instance (/1/0 in the factory configuration). */
  private primaryServer(): ObjectInstance | undefined {
    const first = this.sessions.values().next().value;
    return first ? this.objects.tree.instance(SERVER_OBJECT, first.account.serverInstanceId) : this.objects.tree.instance(SERVER_OBJECT, 0);
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
      serverUri: this.serverUri,
      ...(this.options.serverSmsNumber !== undefined ? { serverSmsNumber: this.options.serverSmsNumber } : {}),
      ...(this.options.psk ? { psk: this.options.psk } : {}),
      server: {
        shortServerId: this.options.shortServerId ?? 101,
        lifetime: this.options.lifetime ?? 300,
        binding: this.options.binding ?? 'U',
      },
      additionalServers: (this.options.additionalServers ?? []).map((s) => ({
        serverUri: typeof s.server === 'string' ? s.server : coapUri('coap', s.server),
        shortServerId: s.shortServerId,
      })),
      ...(this.options.bootstrapServer !== undefined
        ? { bootstrapServerUri: typeof this.options.bootstrapServer === 'string' ? this.options.bootstrapServer : coapUri('coap', this.options.bootstrapServer) }
        : {}),
      provisioning: this.options.provisioning ?? 'server',
      faults: this.faults,
      exclude: new Set(this.options.excludeObjects ?? []),
      download: (location) => downloadPackage(this.coap, location),
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
    // A fresh outbox with each observation set: nothing stored survives a restart.
    this.outbox = new NotificationOutbox({ clock: this.clock, storing: (peer) => this.notificationStoring(peer) });
    return new Observations(this.clock, {
      outbox: this.outbox,
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
      access: (from) => this.accessFor(from),
      created: (from, path) => this.instanceCreated(from, path),
      deleted: (path) => this.instanceDeleted(path),
    });
    const bootstrap = new BootstrapHandler({
      tree: () => this.objects.tree,
      registry: this.registry,
      makeInstance: (objectId, instanceId, values) => this.bootstrapInstance(objectId, instanceId, values),
      finish: () => this.finishBootstrap(),
      afterResponse: (fn) => queueMicrotask(fn),
    });
    const faulty = wireFaults(this.faults);
    const rstAsAck = this.faults.has(FaultHook.IGNORE_RST_ON_NOTIFICATION) ? new RstAsAck() : undefined;
    this.radio.setEnabled(this.binding().includes('Q'));
    this.secured = new PeerSecurityTransport({
      inner: this.transport,
      clock: this.clock,
      securityFor: (peer) => securityForPeer(this.objects.tree, peer),
      faults: this.faults,
      onEvent: (detail) => this.options.onEvent?.({ kind: 'security', detail, at: this.clock.now() }),
      ...(this.options.dtlsSessions ? { sessions: this.options.dtlsSessions } : {}),
    });
    this.coap = new ClientCoap(
      this.secured,
      this.random,
      (req, res) => {
        if (!req.confirmable && this.faults.has(FaultHook.NON_CONFIRMABLE_REQUESTS_IGNORED)) return;
        this.objects.statistics.count('rx', req.payload.length);
        const bs = this.bootstrapPeer ?? bootstrapEndpoint(this.objects.tree);
        if (bs && sameEndpoint(bs, req.from)) return bootstrap.handle(req, res);
        dm.handle(req, res);
      },
      {
        inbound: (data, from) => {
          if (!this.radio.awake) return false;
          this.outbox.received(data, from);
          return rstAsAck ? rstAsAck.received(data, from) : true;
        },
        outbound: (data, to) => {
          this.radio.sent();
          this.objects.statistics.count('tx', data.length);
          const wire = faulty ? faulty(data, to) : data;
          if (wire && rstAsAck) rstAsAck.sent(wire, to);
          if (wire) this.outbox.sent(wire, to);
          return wire;
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
    // Power off or reboot: the DTLS sessions are volatile state too (the socket below stays the device's).
    void this.secured?.close();
    this.secured = undefined;
  }

  private defaultPeriods(): { pmin?: number; pmax?: number } {
    const server = this.primaryServer();
    const pmin = server?.read(ServerResource.DEFAULT_PMIN);
    const pmax = server?.read(ServerResource.DEFAULT_PMAX);
    return {
      ...(typeof pmin === 'number' ? { pmin } : {}),
      ...(typeof pmax === 'number' ? { pmax } : {}),
    };
  }

  private lifetime(): number {
    return Number(this.primaryServer()?.read(ServerResource.LIFETIME) ?? this.options.lifetime ?? 300);
  }

  private registrationParams(ssid: number): RegistrationParams {
    if (this.sessionFor(ssid) !== this.registration) {
      // A further server: its own /1 instance, none of the primary's fault hooks.
      const server = this.serverInstance(ssid);
      return { endpoint: this.options.endpoint, lifetime: Number(server?.read(ServerResource.LIFETIME) ?? 300), binding: String(server?.read(ServerResource.BINDING) ?? 'U') };
    }
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
    return String(this.primaryServer()?.read(ServerResource.BINDING) ?? 'U');
  }

  private objectLinks(): string {
    const names = this.faults.has(FaultHook.REGISTER_LINKS_BY_NAME) ? new Map([[7, 'conn-stats']]) : new Map<number, string>();
    return objectLinks(this.objects.tree, names);
  }

  /** Multi-server: a server that creates an instance owns its Access Control instance (TS: creator is owner). */
  private instanceCreated(from: Endpoint, path: LwM2MPath): void {
    if (this.sessions.size <= 1 || path.instanceId === undefined || path.objectId === ACCESS_CONTROL_OBJECT) return;
    const owner = [...this.sessions.values()].find((s) => isAccountPeer(s.account, from))?.account.shortServerId;
    if (owner === undefined) return;
    this.objects.tree.create({ objectId: ACCESS_CONTROL_OBJECT }, [
      { path: { objectId: ACCESS_CONTROL_OBJECT, resourceId: 0 }, value: path.objectId },
      { path: { objectId: ACCESS_CONTROL_OBJECT, resourceId: 1 }, value: path.instanceId },
      { path: { objectId: ACCESS_CONTROL_OBJECT, resourceId: 3 }, value: owner },
    ]);
  }

  /** The Access Control instance of a deleted instance goes with it. */
  private instanceDeleted(path: LwM2MPath): void {
    if (path.instanceId === undefined || path.objectId === ACCESS_CONTROL_OBJECT) return;
    for (const aco of this.objects.tree.instances(ACCESS_CONTROL_OBJECT)) {
      if (aco.read(0) === path.objectId && aco.read(1) === path.instanceId) this.objects.tree.remove(ACCESS_CONTROL_OBJECT, aco.instanceId);
    }
  }

  private bootstrapInstance(objectId: number, instanceId: number, values: ReadonlyMap<number, ResourceContent>): ObjectInstance | undefined {
    return buildBootstrapInstance(objectId, instanceId, values, {
      clock: this.clock,
      actions: this.actions(),
      identity: this.identity,
      localAddress: () => this.transport.local.address,
    });
  }
}
