import packet from 'coap-packet';
import type { ParsedPacket } from 'coap-packet';
import type { DatagramTransport, Endpoint } from '../../net/transport.ts';
import { METHOD_BY_CODE as METHODS, OPTION as OPT, optionValues, requestParts, uintBytes } from '../server/testing/packet-options.ts';

/**
 * A minimal scripted LwM2M client for load and robustness tests, written straight on coap-packet: neither the
 * harness's CoAP layer nor the emulated client, so a bug in the server's messaging cannot hide itself
 * symmetrically. It registers, answers every server request through its handler, and sends notifications.
 */
export interface ScriptedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OTHER';
  path: string[];
  query: string[];
  accept?: number;
  contentFormat?: number;
  observe?: number;
  token: Buffer;
  payload: Buffer;
}

export interface ScriptedAnswer {
  code: string;
  payload?: Buffer;
  contentFormat?: number;
  /** Observe option on the answer (accepting an observation). */
  observe?: number;
}

export type ScriptedHandler = (request: ScriptedRequest) => ScriptedAnswer;

export { uintBytes };

export class ScriptedClient {
  /** Server requests received, in order. */
  readonly requests: ScriptedRequest[] = [];
  location: string[] = [];
  private nextMid: number;
  private nextToken = 1;
  private readonly waiting = new Map<string, (p: ParsedPacket) => void>();
  private readonly off: () => void;

  constructor(
    readonly transport: DatagramTransport,
    readonly server: Endpoint,
    public handler: ScriptedHandler = () => ({ code: '4.04' }),
    firstMessageId = 1,
  ) {
    this.nextMid = firstMessageId & 0xffff;
    this.off = transport.onMessage((data, from) => this.receive(data, from));
  }

  /** Sends a CON request; resolves with the piggybacked or separate response. */
  request(method: '0.01' | '0.02' | '0.03' | '0.04', path: string[], query: string[] = [], payload?: Buffer, contentFormat?: number): Promise<ParsedPacket> {
    const token = Buffer.alloc(4);
    token.writeUInt32BE(this.nextToken++ >>> 0);
    const options = [
      ...path.map((p) => ({ name: OPT.uriPath, value: Buffer.from(p) })),
      ...(contentFormat === undefined ? [] : [{ name: OPT.contentFormat, value: uintBytes(contentFormat) }]),
      ...query.map((q) => ({ name: OPT.uriQuery, value: Buffer.from(q) })),
    ];
    const answer = new Promise<ParsedPacket>((resolve) => this.waiting.set(token.toString('hex'), resolve));
    const bytes = packet.generate({ code: method, messageId: this.mid(), token, options, confirmable: true, ...(payload ? { payload } : {}) });
    return this.transport.send(bytes, this.server).then(() => answer);
  }

  /** Register; remembers the Location-Path for update and deregister. */
  async register(endpoint: string, lifetime: number, links: string): Promise<ParsedPacket> {
    const answer = await this.request('0.02', ['rd'], [`ep=${endpoint}`, `lt=${lifetime}`, 'lwm2m=1.0', 'b=U'], Buffer.from(links), 40);
    if (answer.code === '2.01') this.location = optionValues(answer, OPT.locationPath).map((v) => v.toString('utf8'));
    return answer;
  }

  deregister(): Promise<ParsedPacket> {
    return this.request('0.04', this.location);
  }

  /** A notification for the observation made with `token` (NON unless confirmable). */
  notify(token: Buffer, sequence: number, payload: Buffer, contentFormat: number | undefined, confirmable = false): Promise<void> {
    const options = [
      { name: OPT.observe, value: uintBytes(sequence) },
      ...(contentFormat === undefined ? [] : [{ name: OPT.contentFormat, value: uintBytes(contentFormat) }]),
    ];
    return this.transport.send(packet.generate({ code: '2.05', messageId: this.mid(), token, confirmable, options, payload }), this.server);
  }

  close(): void {
    this.off();
  }

  private mid(): number {
    this.nextMid = (this.nextMid + 1) & 0xffff;
    return this.nextMid;
  }

  private receive(data: Buffer, from: Endpoint): void {
    let p: ParsedPacket;
    try {
      p = packet.parse(data);
    } catch {
      return;
    }
    const method = METHODS[p.code];
    if (method === undefined) {
      if (p.code === '0.00') return; // empty ACK or RST
      const resolve = this.waiting.get(p.token.toString('hex'));
      if (resolve !== undefined) {
        this.waiting.delete(p.token.toString('hex'));
        resolve(p);
      }
      if (p.confirmable) void this.transport.send(packet.generate({ code: '0.00', messageId: p.messageId, ack: true }), from);
      return;
    }
    const request: ScriptedRequest = { method, token: p.token, ...requestParts(p) };
    this.requests.push(request);
    const answer = this.handler(request);
    const options = [
      ...(answer.observe === undefined ? [] : [{ name: OPT.observe, value: uintBytes(answer.observe) }]),
      ...(answer.contentFormat === undefined ? [] : [{ name: OPT.contentFormat, value: uintBytes(answer.contentFormat) }]),
    ];
    void this.transport.send(
      packet.generate({
        code: answer.code, messageId: p.messageId, token: p.token, ack: p.confirmable, confirmable: false, options,
        ...(answer.payload ? { payload: answer.payload } : {}),
      }),
      from,
    );
  }
}
