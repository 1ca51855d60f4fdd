import type { CoapMessage, CoapRequest, CoapResponse, NotificationHandler, Observation, RequestHandler, RequestOptions } from './api.ts';
import type { Clock } from '../clock/clock.ts';
import type { DatagramTransport, Endpoint } from '../net/transport.ts';
import type { Random } from '../random.ts';
import { ClientSide } from './client-side.ts';
import { isRequestCode } from './codes.ts';
import { MessageLayer, type SendMeta } from './message-layer.ts';
import { deriveTimes, resolveParams, type DerivedTimes, type TransmissionParams } from './params.ts';
import { ServerSide } from './server-side.ts';
import { Trace, type TraceEntry } from './trace.ts';

export interface CoapEndpointOptions {
  transport: DatagramTransport;
  clock: Clock;
  random: Random;
  /** Where every datagram is recorded (a new Trace when omitted). */
  trace?: Trace;
  /** RFC 7252 transmission parameters; defaults ACK_TIMEOUT 2 s, ACK_RANDOM_FACTOR 1.5, MAX_RETRANSMIT 4, NSTART 1. */
  params?: Partial<TransmissionParams>;
  /** Server side: send an empty ACK and a separate response when the handler takes longer (default 1000 ms). */
  separateResponseDelayMs?: number;
  /** Largest block this endpoint sends in Block2 responses (default 1024). */
  block2Size?: number;
  /** Payloads larger than this are sent with Block1 unless a request says otherwise (default 1024). */
  block1Size?: number;
  /** Largest request body accepted through Block1 (default 1 MiB). */
  maxRequestBytes?: number;
  /** Largest response body reassembled through Block2 (default 16 MiB). */
  maxResponseBytes?: number;
  /** Token length for our requests, 1..8 (default 4). */
  tokenLength?: number;
}

/**
 * The reference server's CoAP endpoint (RFC 7252 / 7641 / 7959) on one datagram transport: it sends requests
 * and observes (client side), answers requests (server side), and records every datagram in its trace.
 */
export class CoapEndpoint {
  readonly trace: Trace;
  readonly params: TransmissionParams;
  readonly times: DerivedTimes;
  private readonly layer: MessageLayer;
  private readonly client: ClientSide;
  private readonly server: ServerSide;
  private closed = false;

  constructor(options: CoapEndpointOptions) {
    this.trace = options.trace ?? new Trace({ startTime: options.clock.now() });
    this.params = resolveParams(options.params);
    this.times = deriveTimes(this.params);
    this.layer = new MessageLayer(options.transport, options.clock, options.random, this.trace, this.params, this.times);
    this.client = new ClientSide(this.layer, options.clock, {
      block1Size: options.block1Size ?? 1024,
      maxResponseBytes: options.maxResponseBytes ?? 16 * 1024 * 1024,
      tokenLength: options.tokenLength ?? 4,
    });
    this.server = new ServerSide(this.layer, options.clock, {
      separateResponseDelayMs: options.separateResponseDelayMs ?? 1000,
      block2Size: options.block2Size ?? 1024,
      maxRequestBytes: options.maxRequestBytes ?? 1024 * 1024,
    });
    this.layer.incoming = (message, from, entry) => this.dispatch(message, from, entry);
  }

  get local(): Endpoint {
    return this.layer.local;
  }

  /** Sends a request and resolves with its (reassembled) response; rejects with TimeoutError or CoapResetError. */
  request(to: Endpoint, req: CoapRequest, opts?: RequestOptions): Promise<CoapResponse> {
    return this.client.request(to, req, opts);
  }

  /** Registers an observation (Observe=0); notifications arrive in order through onNotification. */
  observe(to: Endpoint, req: CoapRequest, onNotification: NotificationHandler, opts?: RequestOptions): Promise<Observation> {
    return this.client.observe(to, req, onNotification, opts);
  }

  setRequestHandler(handler: RequestHandler): void {
    this.server.handler = handler;
  }

  /**
   * Sends a message exactly as given (no retransmission, no matching): for scenarios that need odd traffic.
   * Returns the trace entry id, or undefined when it could not be encoded or sent.
   */
  sendRaw(to: Endpoint, message: CoapMessage, meta: Omit<SendMeta, 'replyTo'> = {}): Promise<number | undefined> {
    return this.layer.send(to, message, meta);
  }

  /** Sends bytes that need not be valid CoAP, recorded in the trace. */
  sendBytes(to: Endpoint, bytes: Buffer, meta: Omit<SendMeta, 'replyTo'> = {}): Promise<number | undefined> {
    return this.layer.sendBytes(to, bytes, undefined, meta);
  }

  /** Stops receiving, ends observations and fails running exchanges. The transport is the caller's to close. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.close();
    this.layer.close();
  }

  private dispatch(message: CoapMessage, from: Endpoint, entry: TraceEntry): void {
    if (isRequestCode(message.code)) {
      this.server.handleRequest(message, from, entry);
      return;
    }
    const matched = this.client.handleResponse(message, from, entry);
    if (matched) {
      if (message.type === 'CON') void this.layer.sendEmpty('ACK', from, message.messageId);
      return;
    }
    // RFC 7641 §3.6 / RFC 7252 §5.3.2: a response nobody waits for is rejected, which also ends an observation.
    this.trace.annotate(entry.id, 'unknown token');
    void this.layer.sendEmpty('RST', from, message.messageId, 'unknown token');
  }
}
