import type { DatagramTransport, Endpoint } from './transport.ts';
import { endpointKey } from './transport.ts';
import { HarnessError } from '../errors.ts';

export interface RelayOptions {
  /** Where devices send (the address a board is configured to see as its server); usually a ShapedTransport. */
  downstream: DatagramTransport;
  /** The real server everything is relayed to. */
  target: Endpoint;
  /** Opens one upstream socket per device endpoint, so the server sees each device (and each NAT rebinding) as its own peer. */
  openUpstream: () => Promise<DatagramTransport>;
  /** Most device endpoints relayed at once (default 64); more are dropped and reported. */
  maxPeers?: number;
  /** Datagrams queued per device while its upstream socket opens (default 32). */
  maxQueued?: number;
  /** Relay failures (upstream could not open, too many peers, a send refused). */
  onError?: (error: HarnessError) => void;
}

interface PeerLink {
  device: Endpoint;
  upstream: Promise<DatagramTransport>;
  queued: number;
}

/**
 * An in-path datagram relay: device <-> downstream ... upstream <-> server. Put a shaper on the downstream
 * transport and the same impairments that run in the simulated network run in front of a real board
 * (DESIGN §3.2): outbound = toward the device, inbound = from the device. A NAT rebinding on the shaper
 * makes the device arrive from a new endpoint, which gets a new upstream socket: the server sees a new port.
 */
export class DatagramRelay {
  private readonly links = new Map<string, PeerLink>();
  private readonly stopDownstream: () => void;
  private closed = false;
  private readonly maxPeers: number;
  private readonly maxQueued: number;

  constructor(private readonly options: RelayOptions) {
    this.maxPeers = options.maxPeers ?? 64;
    this.maxQueued = options.maxQueued ?? 32;
    this.stopDownstream = options.downstream.onMessage((data, from) => this.fromDevice(data, from));
  }

  /** The device endpoints being relayed. */
  peers(): Endpoint[] {
    return [...this.links.values()].map((link) => ({ ...link.device }));
  }

  /** Closes the upstream sockets (not the downstream one, which the caller owns). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopDownstream();
    const upstreams = await Promise.allSettled([...this.links.values()].map((link) => link.upstream));
    this.links.clear();
    await Promise.all(upstreams.map((u) => (u.status === 'fulfilled' ? u.value.close() : undefined)));
  }

  private fromDevice(data: Buffer, device: Endpoint): void {
    if (this.closed) return;
    const key = endpointKey(device);
    let link = this.links.get(key);
    if (!link) {
      if (this.links.size >= this.maxPeers) {
        this.report(new HarnessError(`relay: more than ${this.maxPeers} device endpoints; datagram from ${key} dropped`, { origin: 'lab', context: { device: key } }));
        return;
      }
      link = { device: { ...device }, upstream: this.openLink(device), queued: 0 };
      this.links.set(key, link);
    }
    if (link.queued >= this.maxQueued) {
      this.report(new HarnessError(`relay: upstream for ${key} is not open yet and ${this.maxQueued} datagrams wait; one dropped`, { origin: 'lab', context: { device: key } }));
      return;
    }
    const current = link;
    current.queued++;
    const copy = Buffer.from(data);
    // Chained on the link's promise, so datagrams keep their order while the socket opens.
    current.upstream = current.upstream.then(async (upstream) => {
      current.queued--;
      try {
        await upstream.send(copy, this.options.target);
      } catch (error) {
        this.report(new HarnessError(`relay: sending upstream for ${key} failed`, { origin: 'lab', context: { device: key }, cause: error }));
      }
      return upstream;
    });
    current.upstream.catch(() => this.links.delete(key)); // a failed open is reported once in openLink
  }

  private async openLink(device: Endpoint): Promise<DatagramTransport> {
    try {
      const upstream = await this.options.openUpstream();
      upstream.onMessage((data, from) => {
        if (this.closed || endpointKey(from) !== endpointKey(this.options.target)) return; // only the server's answers
        this.options.downstream.send(data, device).catch((error: unknown) => {
          this.report(new HarnessError(`relay: sending to device ${endpointKey(device)} failed`, { origin: 'lab', context: { device: endpointKey(device) }, cause: error }));
        });
      });
      if (this.closed) await upstream.close();
      return upstream;
    } catch (error) {
      const failure = new HarnessError(`relay: cannot open an upstream socket for ${endpointKey(device)}`, { origin: 'lab', context: { device: endpointKey(device) }, cause: error });
      this.report(failure);
      throw failure;
    }
  }

  private report(error: HarnessError): void {
    if (this.options.onError) this.options.onError(error);
  }
}
