import packet from 'coap-packet';
import type { ParsedPacket } from 'coap-packet';
import type { DatagramTransport, Endpoint } from '../../../net/transport.ts';
import { METHOD_BY_CODE as METHODS, OPTION, optionValues as options, requestParts, uintBytes as uint } from './packet-options.ts';

/**
 * A scripted LwM2M client for tests, written straight on coap-packet (not on the harness's CoAP layer, nor on
 * node-coap) so that a bug in the server's messaging cannot hide itself symmetrically. It sends what the
 * test tells it, answers server requests with the test's handler, and records everything it received.
 */
export interface RawAnswer {
  code: string;
  payload?: Buffer;
  contentFormat?: number;
  /** Observe option value on the answer (the first notification's sequence). */
  observe?: number;
  locationPath?: string[];
}

export interface RawRequest {
  packet: ParsedPacket;
  method: string;
  path: string[];
  query: string[];
  accept?: number;
  contentFormat?: number;
  observe?: number;
  payload: Buffer;
}

export type RawHandler = (request: RawRequest) => RawAnswer;

export class RawClient {
  /** Every request the server sent us, in order (duplicates included). */
  readonly received: RawRequest[] = [];
  /** Every datagram we got, parsed. */
  readonly datagrams: ParsedPacket[] = [];
  handler: RawHandler = () => ({ code: '4.04' });
  private nextMid = 0x100;
  private nextToken = 1;
  private readonly waiting = new Map<string, (p: ParsedPacket) => void>();
  private readonly off: () => void;

  constructor(
    readonly transport: DatagramTransport,
    readonly server: Endpoint,
  ) {
    this.off = transport.onMessage((data, from) => this.receive(data, from));
  }

  /** Sends a CON request and resolves with the (piggybacked or separate) response. */
  async request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string[], query: string[] = [], payload?: Buffer, contentFormat?: number): Promise<ParsedPacket> {
    const token = Buffer.from([0xa0, this.nextToken++ & 0xff]);
    const opts = [
      ...path.map((p) => ({ name: OPTION.uriPath, value: Buffer.from(p) })),
      ...(contentFormat === undefined ? [] : [{ name: OPTION.contentFormat, value: uint(contentFormat) }]),
      ...query.map((q) => ({ name: OPTION.uriQuery, value: Buffer.from(q) })),
    ];
    const answer = new Promise<ParsedPacket>((resolve) => this.waiting.set(token.toString('hex'), resolve));
    await this.send({ code: method, messageId: this.mid(), token, options: opts, confirmable: true, ...(payload ? { payload } : {}) });
    return answer;
  }

  register(query: string[], links: string): Promise<ParsedPacket> {
    return this.request('POST', ['rd'], query, Buffer.from(links), 40);
  }

  update(location: string[], query: string[] = [], links?: string): Promise<ParsedPacket> {
    return this.request('POST', location, query, links === undefined ? undefined : Buffer.from(links), links === undefined ? undefined : 40);
  }

  deregister(location: string[]): Promise<ParsedPacket> {
    return this.request('DELETE', location);
  }

  /** Sends a notification for an observation the server made with `token`. */
  async notify(token: Buffer, sequence: number, payload: Buffer, contentFormat: number, code = '2.05'): Promise<void> {
    await this.send({
      code,
      messageId: this.mid(),
      token,
      confirmable: false,
      options: [
        { name: OPTION.observe, value: uint(sequence) },
        { name: OPTION.contentFormat, value: uint(contentFormat) },
      ],
      payload,
    });
  }

  close(): void {
    this.off();
  }

  /** The Location-Path of a response as segments. */
  static locationOf(response: ParsedPacket): string[] {
    return options(response, OPTION.locationPath).map((v) => v.toString('utf8'));
  }

  private mid(): number {
    this.nextMid = (this.nextMid + 1) & 0xffff;
    return this.nextMid;
  }

  private async send(p: Parameters<typeof packet.generate>[0]): Promise<void> {
    await this.transport.send(packet.generate(p), this.server);
  }

  private receive(data: Buffer, from: Endpoint): void {
    let p: ParsedPacket;
    try {
      p = packet.parse(data);
    } catch {
      return;
    }
    this.datagrams.push(p);
    const method = METHODS[p.code];
    if (method === undefined) {
      if (p.code === '0.00') return; // empty ACK / RST
      const resolve = this.waiting.get(p.token.toString('hex'));
      if (resolve !== undefined) {
        this.waiting.delete(p.token.toString('hex'));
        resolve(p);
      }
      if (p.confirmable) void this.transport.send(packet.generate({ code: '0.00', messageId: p.messageId, ack: true }), from);
      return;
    }
    const request: RawRequest = { packet: p, method, ...requestParts(p) };
    this.received.push(request);
    const answer = this.handler(request);
    const opts = [
      ...(answer.observe === undefined ? [] : [{ name: OPTION.observe, value: uint(answer.observe) }]),
      ...(answer.locationPath ?? []).map((s) => ({ name: OPTION.locationPath, value: Buffer.from(s) })),
      ...(answer.contentFormat === undefined ? [] : [{ name: OPTION.contentFormat, value: uint(answer.contentFormat) }]),
    ];
    void this.transport.send(
      packet.generate({
        code: answer.code,
        messageId: p.messageId,
        token: p.token,
        ack: p.confirmable,
        confirmable: false,
        options: opts,
        ...(answer.payload ? { payload: answer.payload } : {}),
      }),
      from,
    );
  }
}
