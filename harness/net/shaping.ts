import type { Clock, TimerHandle } from '../clock/clock.ts';
import type { Random } from '../random.ts';
import type { DatagramHandler, DatagramTransport, Endpoint } from './transport.ts';
import { HandlerSet } from './handlers.ts';
import { NatTable } from './nat.ts';
import { TransportClosedError } from './errors.ts';
import type { Direction, DirectionImpairment, ShapingProfile } from './impairment.ts';
import { checkShapingProfile, reorderDelayOf } from './impairment.ts';
import { emptyCounters, type DropReason, type ShapingCounters, type ShapingEvent } from './shaping-events.ts';

export type { DropReason, ShapingCounters, ShapingEvent, DirectionCounters } from './shaping-events.ts';

export interface ShapingDeps {
  clock: Clock;
  /** Every random choice (loss, jitter, which bit to flip, NAT ports) comes from here: same seed, same run. */
  random: Random;
}

/**
 * A network-shaping decorator around any datagram transport (real UDP, the simulated network, DTLS
 * underneath). Delays and held-back datagrams are timers on the given clock, so under a virtual clock they
 * advance with virtual time and nothing is held outside the clock's sight (no busy source needed).
 */
export function shape(inner: DatagramTransport, profile: ShapingProfile, deps: ShapingDeps): ShapedTransport {
  return new ShapedTransport(inner, profile, deps);
}

export class ShapedTransport implements DatagramTransport {
  private current: ShapingProfile;
  private readonly startedAt: number;
  private readonly handlers = new HandlerSet();
  private readonly eventListeners = new Set<(event: ShapingEvent) => void>();
  private readonly counts: ShapingCounters = { outbound: emptyCounters(), inbound: emptyCounters() };
  private readonly manualBlackout = { outbound: false, inbound: false };
  private readonly held = new Map<TimerHandle, Direction>();
  private readonly nat: NatTable;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly stopInner: () => void;
  private rebindTimer: TimerHandle | undefined;
  private closed = false;

  constructor(private readonly inner: DatagramTransport, profile: ShapingProfile, deps: ShapingDeps) {
    this.clock = deps.clock;
    this.random = deps.random;
    this.current = checkShapingProfile(profile);
    this.startedAt = this.clock.now();
    this.nat = new NatTable(this.random);
    this.stopInner = inner.onMessage((data, from) => this.arrive(data, from));
    this.scheduleRebinding();
  }

  get local(): Endpoint {
    return this.inner.local;
  }

  /** The profile in force. */
  get profile(): ShapingProfile {
    return structuredClone(this.current);
  }

  /** Replaces the profile from now on; datagrams already held keep the delay they were given. */
  setProfile(profile: ShapingProfile): void {
    this.current = checkShapingProfile(profile);
    this.scheduleRebinding();
    this.emit({ kind: 'profile', direction: 'both', detail: { profile: this.profile } });
  }

  /** Starts or ends a blackout at run time (both directions unless one is named). */
  setBlackout(on: boolean, direction: Direction | 'both' = 'both'): void {
    if (direction !== 'inbound') this.manualBlackout.outbound = on;
    if (direction !== 'outbound') this.manualBlackout.inbound = on;
    this.emit({ kind: on ? 'blackout-start' : 'blackout-end', direction });
  }

  /** NAT rebinding: known peers (or one peer) appear from a new source port, or a new address if given. */
  rebind(options: { peer?: Endpoint; address?: string } = {}): void {
    for (const change of this.nat.rebind(options)) {
      this.emit({ kind: 'rebind', direction: 'inbound', peer: change.peer, detail: { from: change.from, to: change.to } });
    }
  }

  counters(): ShapingCounters {
    return structuredClone(this.counts);
  }

  /** Shaping events for evidence (drops, duplicates, corruption, reordering, blackouts, rebinding, profile changes). */
  onEvent(listener: (event: ShapingEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => {
      this.eventListeners.delete(listener);
    };
  }

  /** Datagrams currently held back by delay, jitter or reordering. */
  heldCount(): number {
    return this.held.size;
  }

  send(data: Buffer, to: Endpoint): Promise<void> {
    if (this.closed) return Promise.reject(new TransportClosedError(this.local, 'send'));
    const real = this.nat.outbound(to);
    if (!real) {
      this.counts.outbound.offered++;
      return this.drop('outbound', 'nat-stale', to, data.length);
    }
    const copy = Buffer.from(data); // the caller may reuse its buffer while we hold ours
    return this.pass('outbound', copy, real, (bytes) => this.inner.send(bytes, real));
  }

  onMessage(handler: DatagramHandler): () => void {
    return this.handlers.add(handler);
  }

  /** Receivers that threw (re-thrown when nobody listens) and delayed sends that failed (counted in errors, never fatal). */
  onError(listener: (error: unknown) => void): () => void {
    return this.handlers.onError(listener);
  }

  /** Closes the inner transport too; datagrams still held are discarded (counted as dropped, reason 'closed'). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.rebindTimer?.cancel();
    for (const [handle, direction] of this.held) {
      handle.cancel();
      this.countDrop(direction, 'closed');
    }
    this.held.clear();
    this.stopInner();
    this.handlers.clear();
    await this.inner.close();
  }

  private arrive(data: Buffer, from: Endpoint): void {
    if (this.closed) return;
    const seen = this.nat.inbound(from);
    void this.pass('inbound', data, seen, (bytes) => {
      this.handlers.dispatch(bytes, seen);
      return Promise.resolve();
    });
  }

  /**
   * One datagram through one direction. The order of random draws is fixed (loss, duplicate, then per copy:
   * corrupt, jitter, reorder), so that the same seed and profile always give the same fates.
   */
  private async pass(direction: Direction, data: Buffer, peer: Endpoint, forward: (bytes: Buffer) => Promise<void>): Promise<void> {
    const impairment = this.current[direction] ?? {};
    const counters = this.counts[direction];
    counters.offered++;
    if (this.inBlackout(direction, impairment)) return this.drop(direction, 'blackout', peer, data.length);
    if (impairment.mtu !== undefined && data.length > impairment.mtu) return this.drop(direction, 'mtu', peer, data.length);
    if (this.random.chance(impairment.loss ?? 0)) return this.drop(direction, 'loss', peer, data.length);
    const copies = this.random.chance(impairment.duplicate ?? 0) ? 2 : 1;
    if (copies === 2) {
      counters.duplicated++;
      this.emit({ kind: 'duplicated', direction, peer, size: data.length });
    }
    const immediate: Promise<void>[] = [];
    for (let copy = 0; copy < copies; copy++) {
      const bytes = this.random.chance(impairment.corrupt ?? 0) ? this.corrupt(direction, data, peer) : data;
      let delay = impairment.delayMs ?? 0;
      if (impairment.jitterMs) delay += this.random.next() * impairment.jitterMs;
      if (this.random.chance(impairment.reorder ?? 0)) {
        delay += reorderDelayOf(impairment);
        counters.reordered++;
        this.emit({ kind: 'reordered', direction, peer, size: data.length, detail: { heldMs: reorderDelayOf(impairment) } });
      }
      if (delay > 0) {
        counters.delayed++;
        this.hold(direction, delay, () => forward(bytes));
      } else {
        counters.sent++;
        immediate.push(forward(bytes));
      }
    }
    await Promise.all(immediate);
  }

  private hold(direction: Direction, delay: number, forward: () => Promise<void>): void {
    const handle = this.clock.setTimeout(() => {
      this.held.delete(handle);
      if (this.closed) return;
      this.counts[direction].sent++;
      forward().catch((error: unknown) => {
        this.counts[direction].errors++;
        this.emit({ kind: 'error', direction, detail: { message: String(error) } });
        this.handlers.reportError(error, false);
      });
    }, delay);
    this.held.set(handle, direction);
  }

  private corrupt(direction: Direction, data: Buffer, peer: Endpoint): Buffer {
    if (data.length === 0) return data; // nothing to flip
    const bit = this.random.int(0, data.length * 8 - 1);
    const out = Buffer.from(data);
    out[bit >> 3] = (out[bit >> 3] ?? 0) ^ (0x80 >> (bit & 7));
    this.counts[direction].corrupted++;
    this.emit({ kind: 'corrupted', direction, peer, size: data.length, detail: { bit } });
    return out;
  }

  private inBlackout(direction: Direction, impairment: DirectionImpairment): boolean {
    if (this.manualBlackout[direction]) return true;
    const elapsed = this.clock.now() - this.startedAt;
    const windows = [...(this.current.blackouts ?? []), ...(impairment.blackouts ?? [])];
    return windows.some((w) => elapsed >= w.fromMs && elapsed < w.toMs);
  }

  private drop(direction: Direction, reason: DropReason, peer: Endpoint, size: number): Promise<void> {
    this.countDrop(direction, reason);
    this.emit({ kind: 'dropped', direction, reason, peer, size });
    return Promise.resolve();
  }

  private countDrop(direction: Direction, reason: DropReason): void {
    const counters = this.counts[direction];
    counters.dropped++;
    counters.droppedBy[reason]++;
  }

  private scheduleRebinding(): void {
    this.rebindTimer?.cancel();
    this.rebindTimer = undefined;
    const every = this.current.natRebindEveryMs;
    if (every !== undefined && !this.closed) this.rebindTimer = this.clock.setInterval(() => this.rebind(), every);
  }

  private emit(event: Omit<ShapingEvent, 'time'>): void {
    if (this.eventListeners.size === 0) return;
    const full: ShapingEvent = { time: this.clock.now(), ...event };
    for (const listener of [...this.eventListeners]) listener(full);
  }
}
