import { createHash } from 'node:crypto';
import type { Clock } from '../clock/clock.ts';
import type { Endpoint } from '../net/transport.ts';
import { endpointKey, sameEndpoint } from '../net/transport.ts';
import { ContentType, RECORD_HEADER_LENGTH } from './constants.ts';
import type { TransmitKind } from './connection.ts';
import { parseDatagram } from './record.ts';

/** A protected record seen on the wire, kept so a scenario can replay it (SEC-002). */
export interface RecordedRecord {
  direction: 'inbound' | 'outbound';
  peer: Endpoint;
  type: number;
  epoch: number;
  sequence: number;
  /** The whole record, header included, exactly as it crossed the wire. */
  bytes: Buffer;
  at: number;
}

export interface FlipBitOptions {
  /** inbound: a record from the client is altered before the server reads it; outbound: before it leaves. */
  direction: 'inbound' | 'outbound';
  /** Only records of this peer (default: any peer). */
  peer?: Endpoint;
  /** Only records of this content type (default application data). */
  contentType?: number;
  /** Bit to flip, counted from the first bit of the record's fragment (default: the middle byte's lowest bit). */
  bit?: number;
}

/** What a scenario learns about an injected fault. */
export interface FaultEvent {
  kind: 'bit-flipped' | 'flight-dropped' | 'replayed-to-server' | 'replayed-to-client' | 'wrong-key-used';
  peer: Endpoint;
  detail: Record<string, unknown>;
}

export interface FaultDeps {
  clock: Clock;
  /** Feeds bytes into the server's own receive path as if the peer had sent them. */
  injectInbound(bytes: Buffer, from: Endpoint): void;
  /** Sends raw bytes to the peer, bypassing the record layer. */
  sendRaw(bytes: Buffer, to: Endpoint): Promise<void>;
  /** How many records to remember per peer (default 64). */
  historySize?: number;
}

/**
 * Record-level fault injection for conformance scenarios: remember protected records per peer in both
 * directions and replay them either way, flip a bit in one record, drop the next outgoing flight, and make
 * the server prove a wrong key for an identity. One-shot faults disarm after use.
 */
export class DtlsFaults {
  private readonly history = new Map<string, RecordedRecord[]>();
  private readonly pendingFlips: FlipBitOptions[] = [];
  private readonly flightDrops: Array<Endpoint | undefined> = [];
  private readonly wrongKeys = new Map<string, Buffer>();
  private readonly listeners = new Set<(event: FaultEvent) => void>();
  private readonly historySize: number;

  constructor(private readonly deps: FaultDeps) {
    this.historySize = deps.historySize ?? 64;
  }

  onFault(listener: (event: FaultEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Protected records (epoch 1 and later) of a peer, oldest first, optionally filtered. */
  recorded(peer: Endpoint, filter: { direction?: 'inbound' | 'outbound'; type?: number } = {}): RecordedRecord[] {
    return (this.history.get(endpointKey(peer)) ?? []).filter(
      (r) => (filter.direction === undefined || r.direction === filter.direction) && (filter.type === undefined || r.type === filter.type),
    );
  }

  /** The newest recorded record matching the filter. */
  lastRecord(peer: Endpoint, filter: { direction?: 'inbound' | 'outbound'; type?: number } = {}): RecordedRecord | undefined {
    return this.recorded(peer, filter).at(-1);
  }

  /** Re-delivers a record to the server's own receive path (a replayed client record: it must be dropped). */
  replayToServer(record: RecordedRecord): void {
    this.emit({ kind: 'replayed-to-server', peer: record.peer, detail: describe(record) });
    this.deps.injectInbound(Buffer.from(record.bytes), record.peer);
  }

  /** Sends a record again toward the client (a replayed server record: the device must ignore it). */
  replayToClient(record: RecordedRecord): Promise<void> {
    this.emit({ kind: 'replayed-to-client', peer: record.peer, detail: describe(record) });
    return this.deps.sendRaw(Buffer.from(record.bytes), record.peer);
  }

  /** Arms a one-shot bit flip in the next matching record. */
  flipBit(options: FlipBitOptions): void {
    this.pendingFlips.push({ ...options });
  }

  /**
   * Drops the next handshake flight the server sends (to one peer, or to anyone): ServerHello..Done, or
   * ChangeCipherSpec+Finished; never a stateless HelloVerifyRequest. Its retransmission still goes out.
   */
  dropNextFlight(peer?: Endpoint): void {
    this.flightDrops.push(peer ? { ...peer } : undefined);
  }

  /** From now on the server uses a wrong key for this identity (AT-001); a key may be given, else one is derived. */
  wrongKeyFor(identity: string, key?: Buffer): void {
    const wrong = key ? Buffer.from(key) : createHash('sha256').update(`lwm2m-hil wrong key for ${identity}`).digest().subarray(0, 16);
    this.wrongKeys.set(identity, Buffer.from(wrong));
  }

  clearWrongKey(identity: string): void {
    this.wrongKeys.delete(identity);
  }

  /** @internal The server handshake asks this for every identity; a fresh copy each time. */
  keyOverride(identity: string): Buffer | undefined {
    const key = this.wrongKeys.get(identity);
    return key ? Buffer.from(key) : undefined;
  }

  /** @internal Called with every datagram from the network; returns what the server should read. */
  inbound(data: Buffer, from: Endpoint): Buffer {
    const out = this.applyFlip(data, from, 'inbound');
    this.remember(out, from, 'inbound');
    return out;
  }

  /** @internal Called with every datagram the server is about to send; returns what actually leaves. */
  outbound(datagrams: Buffer[], to: Endpoint, kind: TransmitKind): Buffer[] {
    if (kind === 'flight') {
      const index = this.flightDrops.findIndex((p) => p === undefined || sameEndpoint(p, to));
      if (index >= 0) {
        this.flightDrops.splice(index, 1);
        this.emit({ kind: 'flight-dropped', peer: to, detail: { datagrams: datagrams.length } });
        return [];
      }
    }
    return datagrams.map((d) => {
      const out = this.applyFlip(d, to, 'outbound');
      this.remember(out, to, 'outbound');
      return out;
    });
  }

  toJSON(): Record<string, unknown> {
    return { kind: 'DtlsFaults', wrongKeyIdentities: [...this.wrongKeys.keys()], pendingFlips: this.pendingFlips.length, pendingFlightDrops: this.flightDrops.length };
  }

  private applyFlip(datagram: Buffer, peer: Endpoint, direction: 'inbound' | 'outbound'): Buffer {
    if (this.pendingFlips.length === 0) return datagram;
    const parsed = parseDatagram(datagram);
    let offset = 0;
    for (const [i, record] of parsed.records.entries()) {
      const raw = parsed.raw[i] ?? Buffer.alloc(0);
      const index = this.pendingFlips.findIndex(
        (f) => f.direction === direction && (f.peer === undefined || sameEndpoint(f.peer, peer)) &&
          (f.contentType ?? ContentType.applicationData) === record.type && record.fragment.length > 0,
      );
      if (index >= 0) {
        const flip = this.pendingFlips.splice(index, 1)[0];
        const bit = flip?.bit ?? Math.floor(record.fragment.length / 2) * 8;
        const copy = Buffer.from(datagram);
        const byte = offset + RECORD_HEADER_LENGTH + (Math.floor(bit / 8) % record.fragment.length);
        copy[byte] = (copy[byte] ?? 0) ^ (1 << (bit % 8));
        this.emit({ kind: 'bit-flipped', peer, detail: { direction, type: record.type, epoch: record.epoch, sequence: record.sequence, byte, bit: bit % 8 } });
        return copy;
      }
      offset += raw.length;
    }
    return datagram;
  }

  private remember(datagram: Buffer, peer: Endpoint, direction: 'inbound' | 'outbound'): void {
    const parsed = parseDatagram(datagram);
    parsed.records.forEach((record, i) => {
      if (record.epoch === 0) return; // only protected records are worth replaying
      const key = endpointKey(peer);
      let list = this.history.get(key);
      if (!list) {
        list = [];
        this.history.set(key, list);
      }
      list.push({
        direction, peer: { ...peer }, type: record.type, epoch: record.epoch, sequence: record.sequence,
        bytes: Buffer.from(parsed.raw[i] ?? Buffer.alloc(0)), at: this.deps.clock.now(),
      });
      if (list.length > this.historySize) list.splice(0, list.length - this.historySize);
    });
  }

  private emit(event: FaultEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

function describe(record: RecordedRecord): Record<string, unknown> {
  return { direction: record.direction, type: record.type, epoch: record.epoch, sequence: record.sequence, length: record.bytes.length };
}
