/**
 * The engine's view of a device under test (DESIGN §3.8). Emulated clients, process DUTs and serial boards
 * implement it in devices/; the engine receives one and never imports devices/ itself.
 */
import type { Clock } from '../clock/clock.ts';
import type { DatagramTransport, Endpoint } from '../net/transport.ts';
import type { LabEvent } from './evidence.ts';

export type DeviceKind = 'emulated' | 'process' | 'serial' | 'container';

/** Optional features a profile may declare absent; a scenario needing an absent one is `not-supported`. */
export type DeviceFeature =
  | 'firmware-push'
  | 'firmware-pull'
  | 'bootstrap'
  | 'factory-reset'
  | 'reboot'
  | 'queue-mode'
  | 'sms'
  | 'dtls-psk'
  | 'multi-server'
  | 'cellular'
  | 'location'
  | 'actuator';

export interface DeviceCapabilities {
  /** Object ids the device implements. */
  objects: number[];
  /** Bindings it supports: U, UQ, S, US, UQS. */
  bindings: string[];
  /** Content-Format numbers it can produce. */
  contentFormats: number[];
  /** Features present (true) or declared absent (false); unlisted ones count as present. */
  features: Partial<Record<DeviceFeature, boolean>>;
}

/** How much slack timing checks allow; real boards need more than the emulated client. */
export interface TimingTolerances {
  /** Slack on notification times (pmin, pmax) in ms. */
  notifyMs: number;
  /** Slack on lifetime / Update timing in ms. */
  lifetimeMs: number;
  /** Slack on Disable Timeout silence and return in ms. */
  disableMs: number;
  /** How long a boot (power on, reboot, factory reset) may take until Register, in ms. */
  bootMs: number;
}

export const DEFAULT_TOLERANCES: TimingTolerances = { notifyMs: 2000, lifetimeMs: 5000, disableMs: 5000, bootMs: 60_000 };

/** Something the harness asks the device to do that LwM2M alone cannot cause (DESIGN §5 "Stimulus"). */
export type Stimulus =
  | { kind: 'set-value'; path: string; value: string }
  | { kind: 'registration-update' }
  | { kind: 'raise-error'; code: number }
  | { kind: 'reboot' };

export type StimulusResult = { applied: true } | { applied: false; reason: string };

/** What the engine hands a device when powering it on: where the servers are and how to reach them. */
export interface ServerAddress {
  uri: string;
  endpoint: Endpoint;
  /** Short Server ID the device should use for this server's account (/0/x/10, /1/x/0). */
  shortServerId?: number;
}

export interface DeviceEnvironment {
  clock: Clock;
  /** The reference server over plain CoAP (NoSec). */
  server: ServerAddress;
  /** The same reference server over DTLS with the device's PSK (coaps), when the world offers it. */
  secureServer?: ServerAddress;
  /** Further LwM2M servers for multi-server checks (AZ-033: Access Control between servers). */
  additionalServers?: ServerAddress[];
  bootstrap?: ServerAddress;
  /** The bootstrap server over DTLS with the device's PSK (coaps); it provisions the secure server's account. */
  secureBootstrap?: ServerAddress;
  /**
   * Where the scenario wants the device to start from: 'bootstrap' = its factory bootstrap configuration (no
   * LwM2M server account yet, so it must run client-initiated bootstrap); absent = its usual server account.
   * A device that cannot choose (a provisioned board) ignores it.
   */
  provisioning?: 'bootstrap';
  /** For in-process devices on the simulated network: a transport bound for the device. */
  openTransport?: (local?: Partial<Endpoint>) => Promise<DatagramTransport>;
  /** The SMS bearer, when the world has one (the simulated world does; a real lab would need a modem). */
  sms?: SmsBearerAccess;
  /** Seed for the device's own randomness, so runs reproduce. */
  seed: number;
}

/**
 * How an in-process device reaches the world's SMS bearer (HLF-015): the reference server's own number, and
 * attach(number) to join the bearer as that MSISDN. The transport attach() gives sends datagrams to MSISDNs
 * as SMS (concatenated above 140 octets) and receives what is sent to the number; the device closes it when it
 * powers off (the number is then free to attach again).
 */
export interface SmsBearerAccess {
  /** The reference server's MSISDN: what a device puts in LwM2M Server SMS Number (/0/x/9). */
  serverNumber: string;
  attach(msisdn: string): Promise<DatagramTransport> | DatagramTransport;
}

/** A PSK credential. The key is secret: never log it, never put it in evidence or reports. */
export interface PskCredential {
  identity: string;
  key: Buffer;
}

export interface DeviceUnderTest {
  readonly name: string;
  readonly kind: DeviceKind;
  /** The LwM2M endpoint client name it registers with. */
  readonly endpoint: string;
  readonly capabilities: DeviceCapabilities;
  readonly tolerances: TimingTolerances;
  /** The device's PSK, when it speaks DTLS: the world registers it with its secure server. */
  readonly psk?: PskCredential;
  /**
   * The device talks to its LwM2M server over DTLS only (a board whose built-in server URI is coaps://): every
   * scenario then runs against the secure servers, not only the security suite.
   */
  readonly dtlsOnly?: boolean;
  /** Power on (or launch) the device, pointed at the environment's servers. */
  start(env: DeviceEnvironment): Promise<void>;
  /** Power off (or kill). Idempotent. */
  stop(): Promise<void>;
  /** Off, then on again with the same environment. */
  powerCycle(): Promise<void>;
  stimulus(stimulus: Stimulus): Promise<StimulusResult>;
  /** Console lines since the last call (serial shell, process output), for evidence. */
  takeConsoleLines(): string[];
  /** Power and lab events since the last call, for evidence. */
  takeLabEvents(): LabEvent[];
}

export function featurePresent(capabilities: DeviceCapabilities, feature: DeviceFeature): boolean {
  return capabilities.features[feature] !== false;
}
