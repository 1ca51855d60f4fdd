import packet, { type ParsedPacket } from 'coap-packet';
import type { Clock } from '../../../harness/clock/clock.ts';
import { endpointKey, type Endpoint } from '../../../harness/net/transport.ts';

/** RFC 7252 MAX_TRANSMIT_WAIT: after this long without an ACK, a confirmable message is lost for good. */
const MAX_TRANSMIT_WAIT_MS = 93_000;
/** Bound on notifications stored per server while it cannot be reached (oldest dropped first). */
const MAX_STORED = 256;

export interface OutboxDeps {
  clock: Clock;
  /** /1/x/6 Notification Storing When Disabled or Offline of the server at `peer` (true when unknown). */
  storing(peer: Endpoint): boolean;
}

interface Stored {
  observation: string;
  send: () => void;
}

interface PeerState {
  /** Message ids of confirmable notifications sent and not acknowledged yet, with when they first went out. */
  unacked: Map<number, number>;
  stored: Stored[];
}

/**
 * Notification storing (/1/x/6): the client cannot reach a server while a confirmable notification to it
 * goes unacknowledged (node-coap retransmits it with the RFC 7252 back-off). Notifications that occur in
 * that time are held: with storing on, every one of them, in order; with storing off, only the newest of
 * each observation (the rest are dropped). When the server acknowledges, they go out one after another,
 * each waiting for the ACK of the one before. On a link that works this costs one round trip.
 *
 * A notification lost for good (no ACK within MAX_TRANSMIT_WAIT) no longer holds the others back; node-coap
 * ends its observation at EXCHANGE_LIFETIME (RFC 7641: a client that does not acknowledge is gone), so an
 * outage longer than the retransmission span ends the observations it covers.
 */
export class NotificationOutbox {
  private readonly peers = new Map<string, PeerState>();

  constructor(private readonly deps: OutboxDeps) {}

  /** A notification of `observation` to `peer` is due now; `send` puts it on the wire. */
  submit(peer: Endpoint, observation: string, send: () => void): void {
    const state = this.state(peer);
    if (!this.waiting(state) && state.stored.length === 0) return send();
    if (!this.deps.storing(peer)) state.stored = state.stored.filter((s) => s.observation !== observation);
    state.stored.push({ observation, send });
    if (state.stored.length > MAX_STORED) state.stored.shift();
    // Stored ones left behind by a notification lost for good go out now, in order.
    this.flush(state);
  }

  /** An observation ended: what it stored is dropped. */
  forget(observation: string): void {
    for (const state of this.peers.values()) state.stored = state.stored.filter((s) => s.observation !== observation);
  }

  /** Outbound wire hook: remembers confirmable notifications. */
  sent(data: Buffer, to: Endpoint): void {
    const p = parse(data);
    if (!p || !p.confirmable || p.code.startsWith('0.') || !p.options.some((o) => o.name === 'Observe')) return;
    const state = this.state(to);
    if (!state.unacked.has(p.messageId)) state.unacked.set(p.messageId, this.deps.clock.now());
  }

  /** Inbound wire hook: an ACK or RST for a notification means the server is reachable again. */
  received(data: Buffer, from: Endpoint): void {
    const state = this.peers.get(endpointKey(from));
    if (!state || state.unacked.size === 0) return;
    const p = parse(data);
    if (!p || !(p.ack || p.reset) || !state.unacked.delete(p.messageId)) return;
    // Let node-coap take the ACK first, then send the next stored notification.
    queueMicrotask(() => this.flush(state));
  }

  /** Sends stored notifications while nothing is waiting for an ACK. */
  private flush(state: PeerState): void {
    while (!this.waiting(state)) {
      const next = state.stored.shift();
      if (!next) return;
      next.send();
    }
  }

  private waiting(state: PeerState): boolean {
    const now = this.deps.clock.now();
    for (const [id, at] of state.unacked) if (now - at >= MAX_TRANSMIT_WAIT_MS) state.unacked.delete(id);
    return state.unacked.size > 0;
  }

  private state(peer: Endpoint): PeerState {
    const key = endpointKey(peer);
    let state = this.peers.get(key);
    if (!state) this.peers.set(key, (state = { unacked: new Map(), stored: [] }));
    return state;
  }
}

function parse(data: Buffer): ParsedPacket | undefined {
  try {
    return packet.parse(data);
  } catch {
    return undefined;
  }
}
