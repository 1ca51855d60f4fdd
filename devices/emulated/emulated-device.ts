import type {
  DeviceCapabilities,
  DeviceEnvironment,
  DeviceUnderTest,
  Stimulus as EngineStimulus,
  StimulusResult,
  PskCredential,
  TimingTolerances,
} from '../../harness/engine/device.ts';
import type { LabEvent } from '../../harness/engine/evidence.ts';
import { InputError } from '../../harness/errors.ts';
import type { DatagramTransport } from '../../harness/net/transport.ts';
import { UdpTransport } from '../../harness/net/udp-transport.ts';
import { Random } from '../../harness/random.ts';
import { defaultPsk } from './security/default-psk.ts';
import { parseServerUri } from './coap-uri.ts';
import { EmulatedClient, type ClientEvent, type EmulatedClientOptions } from './emulated-client.ts';
import { describeEvent } from './event-lines.ts';
import { isFaultName } from './faults.ts';
import { bindAddressFor } from './bind-address.ts';
import { withSmsBearer } from './sms/device-bearer.ts';
import { narrowCapabilities } from '../common/narrow-capabilities.ts';

export interface EmulatedDeviceOptions {
  /** Endpoint client name (default `emulated-1`). */
  endpoint?: string;
  /** Name in reports (default `emulated` or `emulated+FAULT,...`). */
  name?: string;
  /** Fault profile names from the catalogue; an unknown name is an InputError. */
  faults?: readonly string[];
  lifetime?: number;
  bootDelayMs?: number;
  /**
   * The factory configuration: 'server' (default) = an account for the environment's server; 'bootstrap' = the
   * bootstrap account only (the device bootstraps on every boot from factory state). A scenario that needs
   * bootstrap asks for it through the environment (env.provisioning) either way.
   */
  provisioning?: 'server' | 'bootstrap';
  /**
   * 'psk' (default): the device holds a PSK (`psk`, else identity = endpoint and a fixed test key) and speaks
   * DTLS to a coaps:// server; 'nosec': it has no PSK and declares the 'dtls-psk' feature absent.
   */
  security?: 'nosec' | 'psk';
  psk?: PskCredential;
  /** Other client options (identity, excluded objects, queue awake window...). */
  client?: Partial<Omit<EmulatedClientOptions, 'transport' | 'clock' | 'random' | 'endpoint' | 'server' | 'faults' | 'onEvent'>>;
  /**
   * Declare only what these capabilities also list (e.g. a board profile's, to run this client as the baseline
   * of a board whose firmware is this client): the client still behaves the same, the engine marks fewer
   * scenarios runnable.
   */
  narrowTo?: DeviceCapabilities;
}

/** What the built-in emulated client offers (the engine marks scenarios needing anything else not-supported). */
export const EMULATED_CAPABILITIES: DeviceCapabilities = {
  objects: [0, 1, 2, 3, 4, 5, 6, 7, 3303, 3311],
  // S alone works where the world has an SMS bearer (the device then registers at the server's SMS number).
  bindings: ['U', 'UQ', 'S', 'US', 'UQS'],
  contentFormats: [0, 42, 11542, 11543, 110, 112, 60],
  features: {
    'firmware-push': true,
    'firmware-pull': true,
    bootstrap: true,
    'factory-reset': true,
    reboot: true,
    'queue-mode': true,
    sms: true,
    'dtls-psk': true,
    'multi-server': true,
    cellular: true,
    location: true,
    actuator: true,
  },
};

/** The emulated client runs on the run's clock: on the virtual clock it is exact; the slack covers real-clock runs. */
export const EMULATED_TOLERANCES: TimingTolerances = { notifyMs: 1000, lifetimeMs: 2000, disableMs: 2000, bootMs: 10_000 };

/**
 * The built-in emulated client as the engine's device under test (the default device). start() powers it
 * on against the environment's server (on the simulated network when the engine offers a transport, else
 * real UDP); stop() powers it off; powerCycle() is off and on with a new socket. Its objects (flash) survive
 * power cycles; observations and attributes do not.
 */
export class EmulatedDevice implements DeviceUnderTest {
  readonly kind = 'emulated' as const;
  readonly name: string;
  readonly endpoint: string;
  readonly capabilities: DeviceCapabilities;
  /** Private and behind a getter, so that printing the device (util.inspect, logs) never shows the key. */
  readonly #psk: PskCredential | undefined;
  readonly tolerances: TimingTolerances = EMULATED_TOLERANCES;
  private readonly faults: ReadonlySet<string>;
  private client: EmulatedClient | undefined;
  private transport: DatagramTransport | undefined;
  private env: DeviceEnvironment | undefined;
  private consoleLines: string[] = [];
  private labEvents: LabEvent[] = [];

  constructor(private readonly options: EmulatedDeviceOptions = {}) {
    const unknown = (options.faults ?? []).filter((f) => !isFaultName(f));
    if (unknown.length > 0) throw new InputError(`unknown fault profile(s): ${unknown.join(', ')} (see 'lwm2m-hil faults')`, { unknown });
    this.faults = new Set(options.faults ?? []);
    this.endpoint = options.endpoint ?? 'emulated-1';
    this.name = options.name ?? (this.faults.size === 0 ? 'emulated' : `emulated+${[...this.faults].join(',')}`);
    const secure = (options.security ?? 'psk') === 'psk';
    this.#psk = secure ? (options.psk ?? defaultPsk(this.endpoint)) : undefined;
    const offered = { ...EMULATED_CAPABILITIES, features: { ...EMULATED_CAPABILITIES.features, 'dtls-psk': secure } };
    this.capabilities = options.narrowTo ? narrowCapabilities(offered, options.narrowTo) : offered;
  }

  /** The PSK it uses for coaps:// servers (the world lets it into its secure server); undefined when NoSec. */
  get psk(): PskCredential | undefined {
    return this.#psk;
  }

  /** The running client (for tests and the console); undefined while powered off before the first start. */
  get emulatedClient(): EmulatedClient | undefined {
    return this.client;
  }

  async start(env: DeviceEnvironment): Promise<void> {
    if (this.transport) return;
    if (this.env && this.env !== env) this.client = undefined;
    this.env = env;
    if (parseServerUri(env.server.uri).scheme === 'coaps' && !this.psk) {
      throw new InputError(`coaps:// needs DTLS with a PSK, and this emulated device is configured NoSec: '${env.server.uri}'`, { uri: env.server.uri });
    }
    // The client secures each peer itself, as its Security objects say (security/peer-security-transport.ts).
    const ip = env.openTransport ? await env.openTransport() : await UdpTransport.open({ address: bindAddressFor(env.server.endpoint.address), port: 0 });
    // On a world with an SMS bearer the device is also reachable at its MSISDN (sms/device-bearer.ts).
    const transport = await withSmsBearer(ip, env, { faults: this.faults, ...(this.options.client?.smsNumber !== undefined ? { msisdn: this.options.client.smsNumber } : {}) });
    this.transport = transport;
    this.lab('power on', `${transport.local.address}:${transport.local.port}`);
    if (!this.client) this.client = this.newClient(env, transport);
    // Power on and go: the engine watches the server for the Register; nothing here waits on the clock.
    void this.client.start(transport);
  }

  async stop(): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    this.transport = undefined;
    this.client?.stop();
    this.lab('power off');
    await transport.close();
  }

  async powerCycle(): Promise<void> {
    const env = this.env;
    if (!env) throw new InputError('power cycle before the device was ever started', { device: this.name });
    await this.stop();
    await this.start(env);
  }

  async stimulus(stimulus: EngineStimulus): Promise<StimulusResult> {
    const client = this.client;
    if (!client || !this.transport) return { applied: false, reason: 'the device is powered off' };
    try {
      switch (stimulus.kind) {
        case 'set-value':
          client.stimulus.setText(stimulus.path, stimulus.value);
          break;
        case 'registration-update':
          void client.stimulus.update();
          break;
        case 'raise-error':
          client.stimulus.raiseError(stimulus.code);
          break;
        case 'reboot':
          client.stimulus.reboot();
          break;
      }
      this.consoleLines.push(`stimulus ${JSON.stringify(stimulus)}`);
      return { applied: true };
    } catch (err) {
      return { applied: false, reason: err instanceof Error ? err.message : String(err) };
    }
  }

  takeConsoleLines(): string[] {
    const lines = this.consoleLines;
    this.consoleLines = [];
    return lines;
  }

  takeLabEvents(): LabEvent[] {
    const events = this.labEvents;
    this.labEvents = [];
    return events;
  }

  private newClient(env: DeviceEnvironment, transport: DatagramTransport): EmulatedClient {
    return new EmulatedClient({
      ...this.options.client,
      transport,
      clock: env.clock,
      random: new Random(env.seed),
      endpoint: this.endpoint,
      server: env.server.uri,
      ...(this.psk ? { psk: this.psk } : {}),
      ...(env.sms ? { serverSmsNumber: env.sms.serverNumber } : {}),
      ...accountsFrom(env, this.options.provisioning),
      faults: this.faults,
      ...(this.options.lifetime !== undefined ? { lifetime: this.options.lifetime } : {}),
      ...(this.options.bootDelayMs !== undefined ? { bootDelayMs: this.options.bootDelayMs } : {}),
      onEvent: (e: ClientEvent) => this.consoleLines.push(describeEvent(e)),
    });
  }

  private lab(event: string, detail?: string): void {
    const time = this.env?.clock.now() ?? Date.now();
    this.labEvents.push({ time, event, ...(detail !== undefined ? { detail } : {}) });
  }
}

/**
 * The client's accounts from the environment: the primary's Short Server ID, further servers (multi-server
 * scenarios), the bootstrap server, and whether the factory configuration is the bootstrap account only.
 */
function accountsFrom(env: DeviceEnvironment, provisioning: 'server' | 'bootstrap' | undefined): Partial<EmulatedClientOptions> {
  const fromBootstrap = (env.provisioning === 'bootstrap' || provisioning === 'bootstrap') && env.bootstrap !== undefined;
  const additional = (env.additionalServers ?? []).map((s, i) => ({ server: s.uri, shortServerId: s.shortServerId ?? 102 + i }));
  return {
    ...(env.server.shortServerId !== undefined ? { shortServerId: env.server.shortServerId } : {}),
    ...(additional.length > 0 ? { additionalServers: additional } : {}),
    ...(env.bootstrap ? { bootstrapServer: env.bootstrap.uri } : {}),
    ...(fromBootstrap ? { provisioning: 'bootstrap' as const } : {}),
  };
}
