/**
 * The world's bootstrap server over DTLS with PSK (coaps): a BootstrapServer inside a DTLS server on its own
 * port, sharing the world's trace. For each device whose PSK it knows it provisions one account: the world's
 * secure LwM2M server (coaps://, Security mode PSK with the device's own identity and key, as a device
 * vendor's bootstrap service would). `wire` holds its datagrams as they crossed the network (DTLS records).
 */
import type { Clock } from '../clock/clock.ts';
import type { Trace } from '../coap/trace.ts';
import type { DtlsServerTransport } from '../dtls/dtls-server-transport.ts';
import { BootstrapServer } from '../lwm2m/bootstrap/bootstrap-server.ts';
import type { BootstrapConfig } from '../lwm2m/bootstrap/bootstrap-config.ts';
import type { DatagramTransport, Endpoint } from '../net/transport.ts';
import type { Random } from '../random.ts';
import type { PskCredential, ServerAddress } from './device.ts';
import type { WireTap } from './wire-tap.ts';
import { openSecurePort } from './secure-port.ts';

export interface SecureBootstrapServer {
  readonly bootstrap: BootstrapServer;
  readonly dtls: DtlsServerTransport;
  /** Every datagram at the secure bootstrap port, encrypted as on the network. */
  readonly wire: WireTap;
  readonly address: ServerAddress;
  /** Lets a device in with its PSK and provisions it with the secure server account (the key stays out of the trace). */
  addDevice(endpoint: string, credential: PskCredential): void;
  close(): Promise<void>;
}

export interface SecureBootstrapOptions {
  transport: DatagramTransport;
  clock: Clock;
  random: Random;
  trace: Trace;
  /** The URI devices are given, e.g. coaps://lwm2m-server:5784. */
  uri: string;
  /** The secure LwM2M server the devices are sent to (its coaps:// URI and Short Server ID). */
  server: ServerAddress;
  operationTimeoutMs?: number;
}

const PROVISIONED_LIFETIME_S = 300;
const DEFAULT_SHORT_SERVER_ID = 101;

export async function startSecureBootstrap(options: SecureBootstrapOptions): Promise<SecureBootstrapServer> {
  const devices = new Map<string, PskCredential>();
  const { dtls, wire, admit } = openSecurePort(options.transport, options.clock, options.trace);
  const configs = (endpoint: string): BootstrapConfig | undefined => {
    const psk = devices.get(endpoint);
    if (!psk) return undefined;
    const shortServerId = options.server.shortServerId ?? DEFAULT_SHORT_SERVER_ID;
    return { servers: [{ serverUri: options.server.uri, securityMode: 'psk', psk, shortServerId, lifetime: PROVISIONED_LIFETIME_S }] };
  };
  const bootstrap = await BootstrapServer.start({
    transport: dtls,
    clock: options.clock,
    random: options.random,
    trace: options.trace,
    configs,
    ...(options.operationTimeoutMs !== undefined ? { operationTimeoutMs: options.operationTimeoutMs } : {}),
  });
  const endpoint: Endpoint = { ...options.transport.local };
  return {
    bootstrap,
    dtls,
    wire,
    address: { uri: options.uri, endpoint },
    addDevice: (name, credential) => {
      admit(credential);
      devices.set(name, { identity: credential.identity, key: Buffer.from(credential.key) });
    },
    close: async () => {
      await bootstrap.close().catch(() => undefined);
      await dtls.close().catch(() => undefined);
    },
  };
}
