import { VirtualClock } from '../../clock/virtual-clock.ts';
import { SimNetwork } from '../../net/sim-network.ts';
import type { ShapingProfile } from '../../net/impairment.ts';
import { shape } from '../../net/shaping.ts';
import type { DatagramTransport } from '../../net/transport.ts';
import { Random } from '../../random.ts';
import type { DtlsClientOptions } from '../dtls-client-transport.ts';
import { DtlsClientTransport } from '../dtls-client-transport.ts';
import type { DtlsServerOptions } from '../dtls-server-transport.ts';
import { DtlsServerTransport } from '../dtls-server-transport.ts';
import type { DtlsEventMap, DtlsEventName } from '../events.ts';
import { PskStore } from '../psk-store.ts';

export const IDENTITY = 'urn:imei:490154203237518';
export const KEY = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');

export interface SimDtls {
  clock: VirtualClock;
  network: SimNetwork;
  server: DtlsServerTransport;
  credentials: PskStore;
  /** Every server event in order, by name. */
  events: Array<{ name: DtlsEventName; event: DtlsEventMap[DtlsEventName] }>;
  client(options?: Partial<Omit<DtlsClientOptions, 'inner' | 'clock'>> & { shaping?: ShapingProfile; address?: string }): DtlsClientTransport;
  close(): Promise<void>;
}

/** A DTLS server and clients on the simulated network under a standalone virtual clock. */
export function simDtls(serverOptions: Partial<Omit<DtlsServerOptions, 'inner' | 'clock' | 'credentials'>> & { seed?: number } = {}): SimDtls {
  const clock = new VirtualClock({ installGlobally: false });
  const random = new Random(serverOptions.seed ?? 1);
  const network = new SimNetwork({ clock, random: random.fork() });
  const credentials = new PskStore([[IDENTITY, KEY]]);
  const events: SimDtls['events'] = [];
  const server = new DtlsServerTransport({
    ...serverOptions,
    inner: network.bind({ address: 'server', port: 5684 }),
    clock,
    credentials,
    onEvent: (name, event) => events.push({ name, event }),
  });
  const clients: DtlsClientTransport[] = [];
  let n = 0;
  return {
    clock, network, server, credentials, events,
    client(options = {}) {
      const { shaping, address, ...rest } = options;
      let inner: DatagramTransport = network.bind({ address: address ?? `client-${++n}` });
      if (shaping) inner = shape(inner, shaping, { clock, random: random.fork() });
      const client = new DtlsClientTransport({ identity: IDENTITY, key: KEY, ...rest, inner, clock });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await server.close();
      await network.close();
    },
  };
}

/** Resolves with the next datagram a transport delivers. */
export function nextMessage(transport: DatagramTransport): Promise<{ data: Buffer; from: { address: string; port: number } }> {
  return new Promise((resolve) => {
    const stop = transport.onMessage((data, from) => {
      stop();
      resolve({ data, from });
    });
  });
}
