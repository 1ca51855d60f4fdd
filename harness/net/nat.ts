import { HarnessError } from '../errors.ts';
import type { Random } from '../random.ts';
import type { Endpoint } from './transport.ts';
import { endpointKey } from './transport.ts';

/**
 * A NAT in front of the peers of a shaped transport. Until a rebind every peer appears as itself. A
 * rebind gives each known peer a new public source (new port, and a new address when asked), so the
 * wrapped transport's owner sees the same device arrive from somewhere else, as after a NAT timeout.
 * Answers to a peer's new public endpoint are translated back to the peer; answers to any endpoint the
 * peer no longer owns (its old mapping or its real address) are stale and dropped, as a real NAT would.
 */
export class NatTable {
  /** real peer key -> its current public endpoint */
  private readonly publicOf = new Map<string, Endpoint>();
  /** public endpoint key -> the real peer */
  private readonly realOf = new Map<string, Endpoint>();
  private readonly stale = new Set<string>();

  constructor(private readonly random: Random) {}

  /** The source the owner sees for a datagram from peer. */
  inbound(peer: Endpoint): Endpoint {
    const key = endpointKey(peer);
    const known = this.publicOf.get(key);
    if (known) return { ...known };
    const identity = { address: peer.address, port: peer.port };
    this.publicOf.set(key, identity);
    this.realOf.set(key, identity);
    return { ...identity };
  }

  /** Where a datagram the owner sends to `to` really goes, or undefined when `to` is a stale mapping. */
  outbound(to: Endpoint): Endpoint | undefined {
    const key = endpointKey(to);
    const real = this.realOf.get(key);
    if (real) return { ...real };
    if (this.stale.has(key)) return undefined;
    return { address: to.address, port: to.port };
  }

  /**
   * Moves peers to new public endpoints (all known peers, or one). Returns the old -> new pairs.
   * A new port is drawn from the seed and never collides with a mapping in use.
   */
  rebind(options: { peer?: Endpoint; address?: string } = {}): Array<{ peer: Endpoint; from: Endpoint; to: Endpoint }> {
    const changes: Array<{ peer: Endpoint; from: Endpoint; to: Endpoint }> = [];
    const peers = options.peer ? [this.findPeer(options.peer)] : [...this.realOf.values()];
    for (const peer of peers) {
      if (!peer) continue;
      const peerKey = endpointKey(peer);
      const old = this.publicOf.get(peerKey) ?? peer;
      const address = options.address ?? old.address;
      const fresh = { address, port: this.freePort(address, old.port) };
      this.realOf.delete(endpointKey(old));
      this.stale.add(endpointKey(old));
      this.stale.add(peerKey); // the peer is now only reachable through its new mapping
      this.stale.delete(endpointKey(fresh));
      this.publicOf.set(peerKey, fresh);
      this.realOf.set(endpointKey(fresh), peer);
      changes.push({ peer: { ...peer }, from: { ...old }, to: { ...fresh } });
    }
    return changes;
  }

  /** A peer given either by its real or by its current public endpoint. */
  private findPeer(endpoint: Endpoint): Endpoint | undefined {
    const key = endpointKey(endpoint);
    return this.realOf.get(key) ?? (this.publicOf.has(key) ? { ...endpoint } : undefined);
  }

  private freePort(address: string, avoid: number): number {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const port = this.random.int(1024, 65535);
      if (port !== avoid && !this.realOf.has(endpointKey({ address, port }))) return port;
    }
    throw new HarnessError('NAT table: no free public port found in 1000 draws', { context: { address } }); // unreachable with < 60k peers
  }
}
