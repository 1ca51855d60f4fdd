import type { Clock, TimerHandle } from '../clock/clock.ts';
import { isBusyTracker } from '../clock/busy.ts';
import { InputError } from '../errors.ts';
import type { Random } from '../random.ts';
import type { DatagramHandler, DatagramTransport, Endpoint } from './transport.ts';
import { endpointKey } from './transport.ts';
import { HandlerSet } from './handlers.ts';
import { PortInUseError, SendError, TransportClosedError, TransportError } from './errors.ts';

/** One datagram's passage through the simulated network, as a tap sees it. */
export interface SimDatagramEvent {
  /** Same id for a datagram's 'sent' event and its final 'delivered' or 'dropped' event. */
  id: number;
  /** Clock time of this event. */
  time: number;
  from: Endpoint;
  to: Endpoint;
  bytes: Buffer;
  fate: 'sent' | 'delivered' | 'dropped';
  /** Why it was dropped. */
  reason?: 'no-listener';
}

export interface SimNetworkOptions {
  clock: Clock;
  /** Chooses ephemeral ports; delivery order itself is FIFO per latency, so the same seed gives the same run. */
  random: Random;
  /** Latency of every link without its own setting (default 0: delivered on the next event-loop turn). */
  defaultLatencyMs?: number;
}

export interface SimNetworkStats {
  sent: number;
  delivered: number;
  dropped: number;
}

const EPHEMERAL_FIRST = 49152;
const EPHEMERAL_LAST = 65535;
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

// Captured so that a wider fake could never stall delivery.
const realSetImmediate = globalThis.setImmediate;

/**
 * A deterministic in-memory datagram network. Addresses are any non-empty text: an IP literal, a host name
 * like "dut-1", or (later, for an SMS bearer) an MSISDN such as "+15550001". With latency 0 a datagram is
 * delivered on the next real event-loop turn and counts as in flight until then (the virtual clock holds
 * time still meanwhile); with latency > 0 delivery is a timer on the network's clock. Datagrams to an
 * endpoint nobody has bound are dropped and counted. The receiver is looked up at delivery time, as on a
 * real network.
 */
export class SimNetwork {
  readonly clock: Clock;
  private readonly random: Random;
  private defaultLatencyMs: number;
  private readonly linkLatency = new Map<string, number>();
  private readonly bound = new Map<string, SimTransport>();
  private readonly taps = new Set<(event: SimDatagramEvent) => void>();
  private readonly immediateQueue: Array<() => void> = [];
  private flushScheduled = false;
  private readonly timers = new Set<TimerHandle>();
  private readonly unregisterBusy: (() => void) | undefined;
  private nextId = 1;
  private readonly counters: SimNetworkStats = { sent: 0, delivered: 0, dropped: 0 };

  constructor(options: SimNetworkOptions) {
    this.clock = options.clock;
    this.random = options.random;
    this.defaultLatencyMs = checkLatency(options.defaultLatencyMs ?? 0);
    if (isBusyTracker(this.clock)) this.unregisterBusy = this.clock.addBusySource(this);
  }

  /** Binds a transport at endpoint; port 0 or no port picks a free ephemeral port from the seed. */
  bind(endpoint: Endpoint | { address: string; port?: number }): SimTransport {
    const address = endpoint.address;
    if (WILDCARDS.has(address)) {
      throw new InputError(`the simulated network cannot bind the wildcard address "${address}": bind a concrete simulated address`, { address });
    }
    const requested = endpoint.port ?? 0;
    if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
      throw new InputError(`invalid port ${requested} for simulated address "${address}"`, { address, port: requested });
    }
    const port = requested === 0 ? this.freePort(address) : requested;
    const local = { address, port };
    const key = endpointKey(local);
    if (this.bound.has(key)) throw new PortInUseError(local);
    const transport = new SimTransport(this, local);
    this.bound.set(key, transport);
    return transport;
  }

  /** Sets the one-way latency in both directions between two addresses. */
  setLinkLatency(a: string, b: string, ms: number): void {
    const latency = checkLatency(ms);
    this.linkLatency.set(linkKey(a, b), latency);
    this.linkLatency.set(linkKey(b, a), latency);
  }

  setDefaultLatency(ms: number): void {
    this.defaultLatencyMs = checkLatency(ms);
  }

  /** Sees every datagram: when sent, and when delivered or dropped. Returns an unsubscribe function. */
  onDatagram(tap: (event: SimDatagramEvent) => void): () => void {
    this.taps.add(tap);
    return () => {
      this.taps.delete(tap);
    };
  }

  /** Datagrams queued for delivery on the next turn (the virtual clock's busy source). */
  inFlight(): number {
    return this.immediateQueue.length;
  }

  stats(): SimNetworkStats {
    return { ...this.counters };
  }

  /** Closes every transport and cancels pending deliveries (counted as nothing: the network is gone). */
  async close(): Promise<void> {
    for (const handle of this.timers) handle.cancel();
    this.timers.clear();
    this.immediateQueue.length = 0;
    await Promise.all([...this.bound.values()].map((t) => t.close()));
    this.unregisterBusy?.();
  }

  /** @internal SimTransport.send lands here. */
  transmit(from: Endpoint, to: Endpoint, data: Buffer): void {
    const id = this.nextId++;
    const bytes = Buffer.from(data); // the sender may reuse its buffer
    const fromCopy = { ...from };
    const toCopy = { address: to.address, port: to.port };
    this.counters.sent++;
    this.emit({ id, time: this.clock.now(), from: fromCopy, to: toCopy, bytes, fate: 'sent' });
    const deliver = (): void => this.deliver(id, fromCopy, toCopy, bytes);
    const latency = this.linkLatency.get(linkKey(from.address, to.address)) ?? this.defaultLatencyMs;
    if (latency === 0) {
      this.immediateQueue.push(deliver);
      this.scheduleFlush();
    } else {
      const handle = this.clock.setTimeout(() => {
        this.timers.delete(handle);
        deliver();
      }, latency);
      this.timers.add(handle);
    }
  }

  /** @internal */
  release(transport: SimTransport): void {
    const key = endpointKey(transport.local);
    if (this.bound.get(key) === transport) this.bound.delete(key);
  }

  private deliver(id: number, from: Endpoint, to: Endpoint, bytes: Buffer): void {
    const receiver = this.bound.get(endpointKey(to));
    if (!receiver) {
      this.counters.dropped++;
      this.emit({ id, time: this.clock.now(), from, to, bytes, fate: 'dropped', reason: 'no-listener' });
      return;
    }
    this.counters.delivered++;
    this.emit({ id, time: this.clock.now(), from, to, bytes, fate: 'delivered' });
    receiver.receive(bytes, from);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    realSetImmediate(() => {
      this.flushScheduled = false;
      // Only what was queued before this turn: a reply sent from a receiver goes out on the next turn.
      const batch = this.immediateQueue.splice(0, this.immediateQueue.length);
      try {
        for (const deliver of batch) deliver();
      } finally {
        if (this.immediateQueue.length > 0) this.scheduleFlush();
      }
    });
  }

  private emit(event: SimDatagramEvent): void {
    for (const tap of [...this.taps]) tap(event);
  }

  private freePort(address: string): number {
    for (let attempt = 0; attempt < 64; attempt++) {
      const port = this.random.int(EPHEMERAL_FIRST, EPHEMERAL_LAST);
      if (!this.bound.has(endpointKey({ address, port }))) return port;
    }
    for (let port = EPHEMERAL_FIRST; port <= EPHEMERAL_LAST; port++) {
      if (!this.bound.has(endpointKey({ address, port }))) return port;
    }
    throw new TransportError(`no free ephemeral port left on simulated address "${address}"`, { address });
  }
}

/** A socket on the simulated network. */
export class SimTransport implements DatagramTransport {
  private readonly handlers = new HandlerSet();
  private closed = false;

  constructor(private readonly network: SimNetwork, readonly local: Endpoint) {}

  send(data: Buffer, to: Endpoint): Promise<void> {
    if (this.closed) return Promise.reject(new TransportClosedError(this.local, `send to ${endpointKey(to)}`));
    if (typeof to.address !== 'string' || to.address === '' || !Number.isInteger(to.port) || to.port <= 0 || to.port > 65535) {
      return Promise.reject(new SendError(to, 'invalid destination', { local: endpointKey(this.local) }));
    }
    this.network.transmit(this.local, to, data);
    return Promise.resolve();
  }

  onMessage(handler: DatagramHandler): () => void {
    return this.handlers.add(handler);
  }

  /** Receivers that threw. Without a listener their errors are re-thrown. */
  onError(listener: (error: unknown) => void): () => void {
    return this.handlers.onError(listener);
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.handlers.clear();
      this.network.release(this);
    }
    return Promise.resolve();
  }

  /** @internal called by the network on delivery. */
  receive(bytes: Buffer, from: Endpoint): void {
    if (!this.closed) this.handlers.dispatch(bytes, from);
  }
}

function linkKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

function checkLatency(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new InputError(`latency must be a finite number >= 0 ms, got ${ms}`, { latencyMs: ms });
  return ms;
}
