import type { CoapMessage } from './api.ts';
import type { Clock, TimerHandle } from '../clock/clock.ts';
import type { DatagramTransport, Endpoint } from '../net/transport.ts';
import { endpointKey } from '../net/transport.ts';
import type { Random } from '../random.ts';
import { CoapDecodeError, decode, encode } from './codec.ts';
import { EMPTY_CODE } from './codes.ts';
import { DedupCache } from './dedup-cache.ts';
import type { DerivedTimes, TransmissionParams } from './params.ts';
import { initialRetransmitTimeout } from './params.ts';
import type { Trace, TraceEntry } from './trace.ts';

export interface SendMeta {
  operation?: string;
  note?: string;
  /** Remember these bytes as the answer to (peer, message id), resent when that message comes again. */
  replyTo?: { peer: Endpoint; messageId: number };
}

export type ConOutcome =
  | { kind: 'ack'; message: CoapMessage; entry: TraceEntry }
  | { kind: 'rst'; message: CoapMessage; entry: TraceEntry }
  | { kind: 'timeout'; transmissions: number; elapsedMs: number }
  | { kind: 'cancelled' };

export interface ConHandle {
  readonly done: Promise<ConOutcome>;
  /** Stops retransmitting; done resolves with 'cancelled' unless already settled. */
  cancel(): void;
}

/** A CON or NON message that is not Empty, after duplicate detection. */
export type IncomingHandler = (message: CoapMessage, from: Endpoint, entry: TraceEntry) => void;

interface PendingCon {
  settle(outcome: ConOutcome): void;
}

/**
 * The message sub-layer (RFC 7252 §4): encoding, tracing, message ids, tokens, CON retransmission,
 * ACK/RST matching, duplicate detection, rejection of malformed messages and pings.
 */
export class MessageLayer {
  incoming: IncomingHandler = () => undefined;
  private readonly pendingCons = new Map<string, PendingCon>();
  private readonly dedup: DedupCache;
  private readonly idRandom: Random;
  private readonly timingRandom: Random;
  private messageId: number;
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(
    private readonly transport: DatagramTransport,
    private readonly clock: Clock,
    random: Random,
    readonly trace: Trace,
    readonly params: TransmissionParams,
    readonly times: DerivedTimes,
  ) {
    this.idRandom = random.fork();
    this.timingRandom = random.fork();
    this.messageId = this.idRandom.int(0, 0xffff);
    this.dedup = new DedupCache(() => clock.now());
    this.unsubscribe = transport.onMessage((data, from) => this.onDatagram(data, from));
  }

  get local(): Endpoint {
    return this.transport.local;
  }

  nextMessageId(): number {
    this.messageId = (this.messageId + 1) & 0xffff;
    return this.messageId;
  }

  newToken(length = 4): Buffer {
    return this.idRandom.bytes(length);
  }

  /** Encodes, records and sends one message; returns its trace entry id (undefined if it could not be sent). */
  async send(to: Endpoint, message: CoapMessage, meta: SendMeta = {}): Promise<number | undefined> {
    let bytes: Buffer;
    try {
      bytes = encode(message);
    } catch (error) {
      this.trace.add({ ...this.base('out', to), bytes: Buffer.alloc(0), message, error: `not sent: ${errorText(error)}`, ...opt(meta) });
      return undefined;
    }
    return this.sendBytes(to, bytes, message, meta);
  }

  /** Sends raw bytes (e.g. a deliberately malformed datagram in a scenario), recorded like any other. */
  async sendBytes(to: Endpoint, bytes: Buffer, message: CoapMessage | undefined, meta: SendMeta = {}): Promise<number | undefined> {
    const entry = this.trace.add({ ...this.base('out', to), bytes, ...(message ? { message } : {}), ...opt(meta) });
    if (meta.replyTo) this.dedup.setReply(meta.replyTo.peer, meta.replyTo.messageId, { bytes, to });
    if (this.closed) {
      this.trace.annotate(entry.id, 'not sent: endpoint closed');
      return undefined;
    }
    try {
      await this.transport.send(bytes, to);
      return entry.id;
    } catch (error) {
      this.trace.annotate(entry.id, `send failed: ${errorText(error)}`);
      return undefined;
    }
  }

  /** Sends a CON and retransmits it with exponential back-off until it is ACKed or RST, or MAX_RETRANSMIT runs out. */
  sendConfirmable(to: Endpoint, message: CoapMessage, meta: SendMeta, onTransmit: (entryId: number) => void): ConHandle {
    const key = conKey(to, message.messageId);
    const startedAt = this.clock.now();
    let timeout = initialRetransmitTimeout(this.params, this.timingRandom);
    let transmissions = 0;
    let timer: TimerHandle | undefined;
    let settle!: (outcome: ConOutcome) => void;
    const done = new Promise<ConOutcome>((resolve) => {
      settle = (outcome) => {
        timer?.cancel();
        if (this.pendingCons.get(key) === pending) this.pendingCons.delete(key);
        resolve(outcome);
      };
    });
    let settled = false;
    const pending: PendingCon = {
      settle: (outcome) => {
        if (settled) return;
        settled = true;
        settle(outcome);
      },
    };
    const transmit = (): void => {
      transmissions += 1;
      const note = transmissions > 1 ? `retransmission ${transmissions - 1}` : meta.note;
      void this.send(to, message, { ...meta, ...(note ? { note } : {}) }).then((id) => {
        if (id !== undefined) onTransmit(id);
      });
    };
    const onTimer = (): void => {
      if (settled) return;
      if (transmissions - 1 < this.params.maxRetransmit) {
        transmit();
        timeout *= 2;
        timer = this.clock.setTimeout(onTimer, timeout);
      } else {
        pending.settle({ kind: 'timeout', transmissions, elapsedMs: this.clock.now() - startedAt });
      }
    };
    this.pendingCons.set(key, pending);
    transmit();
    timer = this.clock.setTimeout(onTimer, timeout);
    return { done, cancel: () => pending.settle({ kind: 'cancelled' }) };
  }

  /** Empty ACK or RST for a received message, remembered for its duplicates. */
  async sendEmpty(type: 'ACK' | 'RST', to: Endpoint, messageId: number, note?: string): Promise<number | undefined> {
    const message: CoapMessage = { type, code: EMPTY_CODE, messageId, token: Buffer.alloc(0), options: [], payload: Buffer.alloc(0) };
    return this.send(to, message, { replyTo: { peer: to, messageId }, ...(note ? { note } : {}) });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const pending of [...this.pendingCons.values()]) pending.settle({ kind: 'cancelled' });
    this.dedup.clear();
  }

  private onDatagram(data: Buffer, from: Endpoint): void {
    if (this.closed) return;
    try {
      this.receive(Buffer.from(data), from);
    } catch (error) {
      // The receive path never throws into the transport; the failure is kept in the trace.
      this.trace.add({ ...this.base('in', from), bytes: Buffer.from(data), error: `receive failed: ${errorText(error)}` });
    }
  }

  private receive(bytes: Buffer, from: Endpoint): void {
    let message: CoapMessage;
    try {
      message = decode(bytes);
    } catch (error) {
      const entry = this.trace.add({ ...this.base('in', from), bytes, error: errorText(error) });
      // RFC 7252 §4.2: a CON with a format error is rejected with RST when its header is readable.
      if (error instanceof CoapDecodeError && error.header?.type === 'CON') {
        void this.sendEmpty('RST', from, error.header.messageId, `reject malformed message (entry ${entry.id})`);
      }
      return;
    }
    const entry = this.trace.add({ ...this.base('in', from), bytes, message });
    if (message.type === 'ACK' || message.type === 'RST') {
      const pending = this.pendingCons.get(conKey(from, message.messageId));
      if (pending) pending.settle({ kind: message.type === 'ACK' ? 'ack' : 'rst', message, entry });
      else this.trace.annotate(entry.id, `unmatched ${message.type}`);
      return;
    }
    if (message.code === EMPTY_CODE) {
      // An Empty CON is a ping (RFC 7252 §4.3): answer RST.
      void this.sendEmpty('RST', from, message.messageId, 'ping');
      return;
    }
    const lifetime = message.type === 'CON' ? this.times.exchangeLifetimeMs : this.times.nonLifetimeMs;
    const seen = this.dedup.check(from, message.messageId, lifetime);
    if (seen.duplicate) {
      this.trace.annotate(entry.id, 'duplicate');
      if (seen.reply) void this.sendBytes(seen.reply.to, seen.reply.bytes, decodeQuietly(seen.reply.bytes), { note: `reply to duplicate (entry ${entry.id})` });
      return;
    }
    this.incoming(message, from, entry);
  }

  private base(direction: 'in' | 'out', remote: Endpoint): { time: number; direction: 'in' | 'out'; local: Endpoint; remote: Endpoint } {
    return { time: this.clock.now(), direction, local: { ...this.transport.local }, remote: { ...remote } };
  }
}

function conKey(peer: Endpoint, messageId: number): string {
  return `${endpointKey(peer)}#${messageId}`;
}

function opt(meta: SendMeta): { operation?: string; note?: string } {
  return { ...(meta.operation ? { operation: meta.operation } : {}), ...(meta.note ? { note: meta.note } : {}) };
}

function decodeQuietly(bytes: Buffer): CoapMessage | undefined {
  try {
    return decode(bytes);
  } catch {
    return undefined;
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
