import type { Packet, ParsedPacket } from 'coap-packet';
import { VirtualClock } from '../../../harness/clock/virtual-clock.ts';
import { SimNetwork } from '../../../harness/net/sim-network.ts';
import { Random } from '../../../harness/random.ts';
import { shape, type ShapedTransport } from '../../../harness/net/shaping.ts';
import { EmulatedClient, type EmulatedClientOptions } from '../emulated-client.ts';
import { RawCoapPeer, optionStrings } from './raw-coap-peer.ts';

/** A virtual-clock, simulated-network test bench: a raw CoAP "server" and one emulated client. */
export interface Bench {
  clock: VirtualClock;
  network: SimNetwork;
  peer: RawCoapPeer;
  client: EmulatedClient;
  /** The client's link, when the bench was opened with `shapedLink` (blackouts, loss...). */
  link?: ShapedTransport;
  close(): Promise<void>;
}

export interface BenchOptions {
  /** Put the client's transport behind a network shaper (an empty profile until a test changes it). */
  shapedLink?: boolean;
}

/** The raw server's answers: Register gets /rd/1, Update 2.04, De-register 2.02, anything else 4.04. */
export function registrationAnswers(req: ParsedPacket): Packet {
  const path = optionStrings(req, 'Uri-Path');
  if (req.code === '0.02' && path.length === 1 && path[0] === 'rd') {
    return { code: '2.01', options: [{ name: 'Location-Path', value: Buffer.from('rd') }, { name: 'Location-Path', value: Buffer.from('1') }] };
  }
  if (req.code === '0.02' && path[0] === 'rd') return { code: '2.04' };
  if (req.code === '0.04' && path[0] === 'rd') return { code: '2.02' };
  return { code: '4.04' };
}

/** The raw server answers Register with /rd/1, Update with 2.04 and De-register with 2.02. */
export function openBench(overrides: Partial<EmulatedClientOptions> = {}, seed = 1, options: BenchOptions = {}): Bench {
  const clock = new VirtualClock();
  const network = new SimNetwork({ clock, random: new Random(seed) });
  const serverTransport = network.bind({ address: '10.0.0.1', port: 5683 });
  const bound = network.bind({ address: '10.0.0.2' });
  const link = options.shapedLink ? shape(bound, {}, { clock, random: new Random(seed + 2) }) : undefined;
  const clientTransport = link ?? bound;
  const peer = new RawCoapPeer(serverTransport, clock);
  peer.onRequest(registrationAnswers);
  const client = new EmulatedClient({
    transport: clientTransport,
    clock,
    random: new Random(seed + 1),
    endpoint: 'emu-1',
    server: serverTransport.local,
    lifetime: 300,
    ...overrides,
  });
  return {
    clock,
    network,
    peer,
    client,
    ...(link ? { link } : {}),
    async close() {
      client.stop();
      peer.close();
      await network.close();
      clock.uninstall();
    },
  };
}
