/**
 * A transport decorator that keeps a copy of every datagram crossing it, exactly as on the network. Under a
 * DTLS server this is the ciphertext side: the CoAP trace above the DTLS layer holds plaintext (the server's
 * view inside the session), while confidentiality checks (CF-001) need what an eavesdropper would see.
 */
import type { Clock } from '../clock/clock.ts';
import type { DatagramHandler, DatagramTransport, Endpoint } from '../net/transport.ts';

export interface WireDatagram {
  /** Position in the tap's whole history (1, 2, ...): events in the same clock millisecond keep their order. */
  seq: number;
  /** Run clock time in ms. */
  time: number;
  /** 'in' = toward the tapped endpoint (from the device), 'out' = from it. */
  direction: 'in' | 'out';
  remote: Endpoint;
  bytes: Buffer;
}

/** Datagrams kept per tap; older ones are forgotten (every loop over them stays bounded). */
const DEFAULT_LIMIT = 10_000;

export class WireTap implements DatagramTransport {
  private readonly log: WireDatagram[] = [];
  private nextSeq = 1;

  constructor(
    private readonly inner: DatagramTransport,
    private readonly clock: Clock,
    private readonly limit = DEFAULT_LIMIT,
  ) {}

  get local(): Endpoint {
    return this.inner.local;
  }

  send(data: Buffer, to: Endpoint): Promise<void> {
    this.keep('out', to, data);
    return this.inner.send(data, to);
  }

  onMessage(handler: DatagramHandler): () => void {
    return this.inner.onMessage((data, from) => {
      this.keep('in', from, data);
      handler(data, from);
    });
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** The seq the next datagram will get: `datagrams({ fromSeq: tap.mark() })` later gives what came after now. */
  mark(): number {
    return this.nextSeq;
  }

  /** Copies of the datagrams seen, oldest first, optionally from a clock time or a mark on. */
  datagrams(filter: { from?: number; fromSeq?: number; direction?: 'in' | 'out' } = {}): WireDatagram[] {
    return this.log
      .filter((d) => (filter.from === undefined || d.time >= filter.from) && (filter.fromSeq === undefined || d.seq >= filter.fromSeq) &&
        (filter.direction === undefined || d.direction === filter.direction))
      .map((d) => ({ ...d, remote: { ...d.remote }, bytes: Buffer.from(d.bytes) }));
  }

  private keep(direction: 'in' | 'out', remote: Endpoint, data: Buffer): void {
    this.log.push({ seq: this.nextSeq++, time: this.clock.now(), direction, remote: { ...remote }, bytes: Buffer.from(data) });
    if (this.log.length > this.limit) this.log.splice(0, this.log.length - this.limit);
  }
}
