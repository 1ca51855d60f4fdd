/**
 * The world's secure reference server (SEC-001..CF-001): a DTLS 1.2 PSK server on its own port with a second
 * LwM2MServer inside it, sharing the world's trace. The trace holds what the server reads and writes inside
 * the session (plaintext CoAP); `wire` holds the same traffic as it crossed the network (DTLS records).
 */
import type { Clock } from '../clock/clock.ts';
import type { Trace } from '../coap/trace.ts';
import type { DtlsServerTransport } from '../dtls/dtls-server-transport.ts';
import { LwM2MServer } from '../lwm2m/server/lwm2m-server.ts';
import type { DatagramTransport, Endpoint } from '../net/transport.ts';
import type { Random } from '../random.ts';
import type { PskCredential, ServerAddress } from './device.ts';
import type { WireTap } from './wire-tap.ts';
import { openSecurePort } from './secure-port.ts';

export interface SecureServer {
  readonly server: LwM2MServer;
  readonly dtls: DtlsServerTransport;
  /** Every datagram at the secure port, encrypted as on the network. */
  readonly wire: WireTap;
  readonly address: ServerAddress;
  /** Lets a device's PSK in (and keeps the key out of the trace's printed forms). */
  addPsk(credential: PskCredential): void;
  close(): Promise<void>;
}

export interface SecureServerOptions {
  transport: DatagramTransport;
  clock: Clock;
  random: Random;
  trace: Trace;
  /** The URI devices are given, e.g. coaps://lwm2m-server:5684. */
  uri: string;
  shortServerId?: number;
  psk?: PskCredential;
  /** Per-operation answer timeout of the server inside (default: its own). */
  operationTimeoutMs?: number;
}

export async function startSecureServer(options: SecureServerOptions): Promise<SecureServer> {
  const { dtls, wire, admit: addPsk } = openSecurePort(options.transport, options.clock, options.trace);
  const timeouts = options.operationTimeoutMs === undefined ? {} : { operationTimeoutMs: options.operationTimeoutMs };
  const server = await LwM2MServer.start({ transport: dtls, clock: options.clock, random: options.random, trace: options.trace, ...timeouts });
  const endpoint: Endpoint = { ...options.transport.local };
  if (options.psk) addPsk(options.psk);
  return {
    server,
    dtls,
    wire,
    address: { uri: options.uri, endpoint, ...(options.shortServerId !== undefined ? { shortServerId: options.shortServerId } : {}) },
    addPsk,
    close: async () => {
      await server.close().catch(() => undefined);
      await dtls.close().catch(() => undefined);
    },
  };
}
