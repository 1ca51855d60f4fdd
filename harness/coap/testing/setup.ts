import type { CoapMessage } from '../api.ts';
import { Random } from '../../random.ts';
import { decode, encode } from '../codec.ts';
import { CoapEndpoint, type CoapEndpointOptions } from '../endpoint.ts';
import { Trace } from '../trace.ts';
import { FakeClock } from './fake-clock.ts';
import { createTransportPair, type LinkedTransport } from './transport-pair.ts';

export interface EndpointPair {
  clock: FakeClock;
  /** The endpoint acting as our reference server (port 5683). */
  server: CoapEndpoint;
  /** The endpoint acting as the client (port 56830). */
  client: CoapEndpoint;
  serverTransport: LinkedTransport;
  clientTransport: LinkedTransport;
  close(): void;
}

/** Two CoapEndpoints on an in-memory link and one fake clock. */
export function createEndpointPair(seed = 1, options: Partial<CoapEndpointOptions> = {}): EndpointPair {
  const clock = new FakeClock();
  const [serverTransport, clientTransport] = createTransportPair();
  const random = new Random(seed);
  const server = new CoapEndpoint({ transport: serverTransport, clock, random: random.fork(), trace: new Trace(), ...options });
  const client = new CoapEndpoint({ transport: clientTransport, clock, random: random.fork(), trace: new Trace(), ...options });
  return {
    clock, server, client, serverTransport, clientTransport,
    close: () => {
      server.close();
      client.close();
    },
  };
}

/** A hand-scripted CoAP peer on a raw transport: records what it receives, answers through `reply`. */
export class ScriptedPeer {
  readonly received: CoapMessage[] = [];
  onRequest: (message: CoapMessage) => void = () => undefined;
  private mid = 40000;

  constructor(readonly transport: LinkedTransport) {
    transport.onMessage((data) => {
      const message = decode(data);
      this.received.push(message);
      this.onRequest(message);
    });
  }

  send(message: Partial<CoapMessage> & Pick<CoapMessage, 'type' | 'code'>): Promise<void> {
    const full: CoapMessage = {
      messageId: message.messageId ?? this.mid++,
      token: Buffer.alloc(0),
      options: [],
      payload: Buffer.alloc(0),
      ...message,
    };
    return this.transport.send(encode(full), this.transport.peer?.local ?? { address: '127.0.0.1', port: 5683 });
  }
}
