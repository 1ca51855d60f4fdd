import type { DatagramHandler, DatagramTransport, Endpoint } from '../../net/transport.ts';

let inFlight = 0;

/** Datagrams sent on any in-memory link and not yet delivered (lets a fake clock wait for quiet). */
export function datagramsInFlight(): number {
  return inFlight;
}

/** Decides the fate of a datagram on the in-memory link: deliver it, or drop it (to test loss). */
export type LinkFilter = (data: Buffer, from: Endpoint, to: Endpoint) => 'deliver' | 'drop';

/** One side of an in-memory datagram link; delivery happens on setImmediate, as a socket would. */
export class LinkedTransport implements DatagramTransport {
  readonly sent: { data: Buffer; to: Endpoint }[] = [];
  filter: LinkFilter = () => 'deliver';
  peer: LinkedTransport | undefined;
  private readonly handlers = new Set<DatagramHandler>();
  private closed = false;

  constructor(readonly local: Endpoint) {}

  async send(data: Buffer, to: Endpoint): Promise<void> {
    if (this.closed) throw new Error('transport closed');
    const copy = Buffer.from(data);
    this.sent.push({ data: copy, to });
    if (this.filter(copy, this.local, to) === 'drop') return;
    const peer = this.peer;
    if (!peer || peer.local.address !== to.address || peer.local.port !== to.port) return;
    inFlight += 1;
    setImmediate(() => {
      inFlight -= 1;
      peer.deliver(copy, this.local);
    });
  }

  /** Delivers a datagram as if it came from `from` (for injecting crafted bytes in tests). */
  deliver(data: Buffer, from: Endpoint): void {
    if (this.closed) return;
    for (const handler of this.handlers) handler(data, from);
  }

  onMessage(handler: DatagramHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
  }
}

export function createTransportPair(
  a: Endpoint = { address: '127.0.0.1', port: 5683 },
  b: Endpoint = { address: '127.0.0.1', port: 56830 },
): [LinkedTransport, LinkedTransport] {
  const left = new LinkedTransport(a);
  const right = new LinkedTransport(b);
  left.peer = right;
  right.peer = left;
  return [left, right];
}
