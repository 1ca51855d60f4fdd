import packet, { type ParsedPacket, type Packet } from 'coap-packet';
import type { Clock } from '../../../harness/clock/clock.ts';
import type { DatagramTransport, Endpoint } from '../../../harness/net/transport.ts';
import { TimeoutError } from '../../../harness/errors.ts';

/** One datagram the peer received, with the clock's time. */
export interface Received {
  at: number;
  from: Endpoint;
  packet: ParsedPacket;
}

export type RawRequestHandler = (request: ParsedPacket, from: Endpoint) => Packet | undefined;

export interface RawRequest {
  code: string;
  path: string;
  query?: string[];
  contentFormat?: number;
  accept?: number;
  payload?: Buffer;
  observe?: 0 | 1;
  token?: Buffer;
  confirmable?: boolean;
}

const MAX_LOG = 100_000;

/**
 * A deliberately minimal CoAP server for this folder's tests, made from coap-packet only (never the project's
 * server, so a bug shared with it cannot hide). It answers requests through a handler, ACKs confirmable
 * responses and notifications, and records everything it receives with the clock's time.
 */
export class RawCoapPeer {
  readonly received: Received[] = [];
  private handler: RawRequestHandler = () => ({ code: '4.04' });
  private nextMessageId = 1;
  private nextToken = 1;
  private waiters: Array<() => void> = [];
  /** When false, confirmable messages from the client get no ACK (to make it retransmit). */
  ackConfirmable = true;
  /** When true, every notification (a response that is not a piggybacked ACK) gets an RST: a server that forgot the observation. */
  rejectNotifications = false;
  private readonly stop: () => void;

  constructor(readonly transport: DatagramTransport, private readonly clock: Clock) {
    this.stop = transport.onMessage((data, from) => this.receive(data, from));
  }

  get local(): Endpoint {
    return this.transport.local;
  }

  onRequest(handler: RawRequestHandler): void {
    this.handler = handler;
  }

  /** Requests the client received from us: only those coming from the client (method codes 0.01-0.04). */
  requests(filter?: (p: ParsedPacket) => boolean): Received[] {
    return this.received.filter((r) => r.packet.code.startsWith('0.') && r.packet.code !== '0.00' && (!filter || filter(r.packet)));
  }

  /** Sends a request to the client and resolves with its response (piggybacked or separate). */
  async request(to: Endpoint, req: RawRequest, timeoutMs = 10_000): Promise<Received> {
    const token = req.token ?? Buffer.from([0xa0, this.nextToken++ & 0xff, (this.nextToken >> 8) & 0xff]);
    const options: Array<{ name: string; value: Buffer }> = [];
    if (req.observe !== undefined) options.push({ name: 'Observe', value: req.observe === 0 ? Buffer.alloc(0) : Buffer.from([1]) });
    for (const seg of req.path.split('/').filter((s) => s !== '')) options.push({ name: 'Uri-Path', value: Buffer.from(seg) });
    if (req.contentFormat !== undefined) options.push({ name: 'Content-Format', value: uint(req.contentFormat) });
    for (const q of req.query ?? []) options.push({ name: 'Uri-Query', value: Buffer.from(q) });
    if (req.accept !== undefined) options.push({ name: 'Accept', value: uint(req.accept) });
    const since = this.received.length;
    await this.send(to, {
      code: req.code,
      messageId: this.nextMessageId++,
      token,
      confirmable: req.confirmable ?? true,
      options,
      payload: req.payload ?? Buffer.alloc(0),
    });
    return this.waitFor((r) => r.packet.token.equals(token) && !r.packet.code.startsWith('0.'), timeoutMs, since);
  }

  /** Every response or notification carrying this token, in arrival order. */
  withToken(token: Buffer): Received[] {
    return this.received.filter((r) => r.packet.token.equals(token) && !r.packet.code.startsWith('0.'));
  }

  /** Resolves with the first received datagram (from index `since`) matching; polls on the clock. */
  async waitFor(match: (r: Received) => boolean, timeoutMs: number, since = 0): Promise<Received> {
    const deadline = this.clock.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(since).find(match);
      if (found) return found;
      if (this.clock.now() >= deadline) throw new TimeoutError('raw CoAP peer wait', timeoutMs);
      await new Promise<void>((resolve) => {
        const timer = this.clock.setTimeout(() => resolve(), Math.max(1, Math.min(50, deadline - this.clock.now())));
        this.waiters.push(() => {
          timer.cancel();
          resolve();
        });
      });
    }
  }

  send(to: Endpoint, p: Packet): Promise<void> {
    return this.transport.send(packet.generate(p), to);
  }

  close(): void {
    this.stop();
  }

  private receive(data: Buffer, from: Endpoint): void {
    let parsed: ParsedPacket;
    try {
      parsed = packet.parse(data);
    } catch {
      return;
    }
    if (this.received.length < MAX_LOG) this.received.push({ at: this.clock.now(), from, packet: parsed });
    const isRequest = parsed.code.startsWith('0.') && parsed.code !== '0.00';
    if (isRequest) {
      const answer = this.handler(parsed, from);
      if (answer && (parsed.confirmable ? this.ackConfirmable : true)) {
        void this.send(from, {
          ...answer,
          messageId: parsed.messageId,
          token: parsed.token,
          ack: parsed.confirmable,
          confirmable: false,
        });
      }
    } else if (this.rejectNotifications && parsed.code !== '0.00' && !parsed.ack && !parsed.reset) {
      void this.send(from, { code: '0.00', messageId: parsed.messageId, reset: true, ack: false, confirmable: false });
    } else if (parsed.confirmable && parsed.code !== '0.00' && this.ackConfirmable) {
      void this.send(from, { code: '0.00', messageId: parsed.messageId, ack: true, confirmable: false });
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

function uint(n: number): Buffer {
  if (n === 0) return Buffer.alloc(0);
  if (n < 256) return Buffer.from([n]);
  return Buffer.from([n >> 8, n & 0xff]);
}

/** The text of all options of a name (Uri-Path, Uri-Query, Location-Path). */
export function optionStrings(p: ParsedPacket, name: string): string[] {
  return p.options.filter((o) => o.name === name).map((o) => o.value.toString('utf8'));
}

export function optionUint(p: ParsedPacket, name: string): number | undefined {
  const o = p.options.find((x) => x.name === name);
  if (!o) return undefined;
  return o.value.length === 0 ? 0 : o.value.readUIntBE(0, o.value.length);
}
