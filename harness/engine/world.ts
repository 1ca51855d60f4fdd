/**
 * A world is everything a scenario runs in: the clock, the network, the trace, the reference server and the
 * bootstrap server, and the device's link (which the harness can impair). With emulated devices each scenario
 * gets a fresh virtual world from its own seed, so a scenario's verdict and trace do not depend on which
 * scenarios ran before it (shards merge to the same verdicts as a whole run).
 */
import type { Clock } from '../clock/clock.ts';
import type { Trace } from '../coap/trace.ts';
import type { ShapedTransport } from '../net/shaping.ts';
import type { DatagramTransport, Endpoint } from '../net/transport.ts';
import type { ShapingProfile } from '../net/impairment.ts';
import type { SmsCenter } from '../net/sms/sms-center.ts';
import type { Random } from '../random.ts';
import type { LwM2MServer } from '../lwm2m/server/lwm2m-server.ts';
import type { BootstrapServer } from '../lwm2m/bootstrap/bootstrap-server.ts';
import type { DeviceEnvironment } from './device.ts';
import type { LabEvent } from './evidence.ts';
import type { SecureServer } from './secure-server.ts';
import type { SecureBootstrapServer } from './secure-bootstrap.ts';

export interface World {
  readonly clock: Clock;
  readonly random: Random;
  readonly trace: Trace;
  readonly server: LwM2MServer;
  /** Further plain LwM2M servers sharing the trace (multi-server checks), in the order of env.additionalServers; absent when the world has none. */
  readonly additionalServers?: readonly LwM2MServer[];
  readonly bootstrap: BootstrapServer;
  /** The reference server over DTLS with PSK (coaps, env.secureServer), when the world offers one. */
  readonly secure?: SecureServer | null;
  /** The bootstrap server over DTLS with PSK (env.secureBootstrap), provisioning the secure server's account. */
  readonly secureBootstrap?: SecureBootstrapServer | null;
  /** The simulated SMS bearer and the server's number on it (HLF-015), when the world has one; absent for real labs. */
  /** The SMS bearer: the number of the server on it (`server`, the plain reference server) and the SMSC. */
  readonly sms?: { readonly serverNumber: string; readonly center: SmsCenter; readonly server: LwM2MServer };
  /** What the device is given on power-on. */
  readonly env: DeviceEnvironment;
  /** Impairs the device's link (both directions as seen from the device); null when the harness is not in its path. */
  readonly link: LinkControl | null;
  /**
   * Binds a harness-side service the device must reach (a firmware package server): at `preferred` on the
   * simulated network; on a real network at the world's bind host and a free port (read the transport's
   * `local` for the address to give the device). Closed with the world. Absent: the lab cannot host one.
   */
  openService?(preferred: Endpoint): Promise<DatagramTransport>;
  /** Runs `work` to completion on this world's clock, giving up after `budgetMs` of it. */
  drive<T>(work: Promise<T>, budgetMs: number): Promise<T>;
  /** Shaping events since the last call, for evidence. */
  takeShapingEvents(): LabEvent[];
  close(): Promise<void>;
}

/** Control over the impairment of the device's link, for scenarios such as HLF-036 (ACK loss) and HLF-039 (blackout). */
export interface LinkControl {
  setProfile(profile: ShapingProfile): void;
  /** The shaped transport itself, for counters. */
  readonly transport: ShapedTransport;
}
