import coap from 'coap';
import type { Endpoint, DatagramTransport } from '../../harness/net/transport.ts';
import type { Random } from '../../harness/random.ts';
import { HarnessError } from '../../harness/errors.ts';
import { ResponseMessageIds } from './response-message-ids.ts';
import { DatagramSocketAdapter, type WireHooks } from './dgram-adapter.ts';
import { contentFormatNumber, optionText, optionTexts } from './coap-options.ts';

/** A request the client makes (Register, Update, De-register, a firmware download). */
export interface OutgoingClientRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string[];
  query?: string[];
  contentFormat?: number;
  payload?: Buffer;
}

export interface ClientResponse {
  code: string;
  payload: Buffer;
  locationPath: string[];
}

/** A request a server makes to the client, as the DM layer sees it. */
export interface IncomingServerRequest {
  from: Endpoint;
  method: string;
  path: string[];
  query: string[];
  contentFormat?: number;
  accept?: number;
  /** False for a non-confirmable request. */
  confirmable: boolean;
  /** 0 register, 1 deregister, undefined when absent. */
  observe?: number;
  token: Buffer;
  payload: Buffer;
}

/** How a handler answers: one response, or (for Observe) the first of a stream it keeps writing to. */
export interface ServerResponder {
  respond(code: string, payload?: Buffer, contentFormat?: number, locationPath?: string[]): void;
  /** For an Observe request: a stream that sends each notification; undefined for plain requests. */
  readonly notifications?: NotificationStream;
  /** For an Observe request: answer it like a plain Read, without the Observe option (a fault profile). */
  respondPlain?(code: string, payload: Buffer, contentFormat?: number): void;
}

export interface NotificationStream {
  /** Sends one notification (the first call is the answer to the Observe request). */
  notify(code: string, payload: Buffer, contentFormat?: number): boolean;
  end(): void;
  /** Called once when the peer ends it (RST, failed CON) or we do. */
  onEnd(fn: () => void): void;
  readonly ended: boolean;
  /** The server that observes, and whether its notifications go confirmable (as its Observe request did). */
  readonly peer?: Endpoint;
  readonly confirmable?: boolean;
}

export class ClientRequestError extends HarnessError {}

/**
 * The emulated client's CoAP endpoint: node-coap's Agent (requests it makes) and Server (requests it answers)
 * on ONE socket, so both use the same source port as a real client does. Tokens, message ids (requests from the
 * Agent's seeded counter, notifications renumbered by ResponseMessageIds) and the random part of ACK_TIMEOUT
 * come from the run's seeded Random, so a run reproduces from its seed.
 */
export class ClientCoap {
  private readonly socket: DatagramSocketAdapter;
  private readonly agent: coap.Agent;
  private readonly server: coap.Server;
  private closed = false;
  /** Give-up timers of requests in flight: closing (power off) stops them, as it stops node-coap's retransmissions. */
  private readonly giveUps = new Set<() => void>();

  constructor(
    transport: DatagramTransport,
    private readonly random: Random,
    handler: (request: IncomingServerRequest, responder: ServerResponder) => void,
    hooks: WireHooks = {},
  ) {
    const requestStart = random.int(0, 0xfffe);
    // Responses node-coap sends on its own are numbered from the opposite half of the id space.
    const responseIds = new ResponseMessageIds(requestStart + 0x8000);
    this.socket = new DatagramSocketAdapter(transport, {
      inbound: (data, from) => {
        const mapped = responseIds.inbound(data);
        const verdict = hooks.inbound ? hooks.inbound(mapped, from) : true;
        return verdict === true ? mapped : verdict;
      },
      outbound: (data, to) => {
        const wire = hooks.outbound ? hooks.outbound(data, to) : data;
        return wire === undefined ? undefined : responseIds.outbound(wire);
      },
    });
    this.agent = new coap.Agent({ socket: this.socket.asSocket() });
    this.agent._lastMessageId = requestStart;
    this.agent.on('error', () => {
      // Socket errors surface on each request as a rejection; nothing to do here.
    });
    this.server = coap.createServer({ piggybackReplyMs: 50 });
    this.server.on('error', () => {});
    this.server.on('request', (req: coap.IncomingMessage, res: coap.OutgoingMessage | coap.ObserveWriteStream) => {
      if (this.closed) return;
      const incoming = toIncoming(req);
      handler(incoming, responderFor(res, incoming));
    });
    this.server.listen(this.socket.asSocket());
  }

  get local(): Endpoint {
    const a = this.socket.address();
    return { address: a.address, port: a.port };
  }

  /** A confirmable request; resolves with the response, rejects with ClientRequestError on timeout. */
  request(to: Endpoint, request: OutgoingClientRequest): Promise<ClientResponse> {
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(new ClientRequestError('emulated client: CoAP endpoint closed', { context: { to } }));
        return;
      }
      const req = this.agent.request({
        hostname: to.address,
        port: to.port,
        method: request.method,
        pathname: '/' + request.path.join('/'),
        ...(request.query && request.query.length > 0 ? { query: request.query.join('&') } : {}),
        ...(request.contentFormat !== undefined ? { contentFormat: request.contentFormat } : {}),
        token: this.random.bytes(8),
        confirmable: true,
      });
      this.seedRetransmission(req);
      const cancelGiveUp = giveUpAfterTransmitWait(req, () => {
        this.giveUps.delete(stopGiveUp);
        reject(new ClientRequestError('emulated client: no answer within MAX_TRANSMIT_WAIT', { origin: 'device', context: { to, path: request.path } }));
      });
      const stopGiveUp = (): void => {
        cancelGiveUp();
        this.giveUps.delete(stopGiveUp);
      };
      this.giveUps.add(stopGiveUp);
      req.on('response', (res: coap.IncomingMessage) => {
        stopGiveUp();
        resolve({
          code: res.code,
          payload: res.payload ?? Buffer.alloc(0),
          locationPath: optionTexts(res._packet.options, 'Location-Path'),
        });
      });
      req.on('timeout', () => stopGiveUp());
      req.on('error', () => stopGiveUp());
      req.on('timeout', () => reject(new ClientRequestError('emulated client: no answer', { origin: 'device', context: { to, path: request.path } })));
      req.on('error', (err: unknown) =>
        reject(new ClientRequestError('emulated client: request failed', { context: { to, path: request.path }, cause: err })),
      );
      req.end(request.payload);
    });
  }

  /** Closes the CoAP endpoint (pending retransmissions stop); the transport stays open. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stop of [...this.giveUps]) stop();
    this.server.close();
    this.agent.close();
    this.socket.close();
  }

  /**
   * node-coap draws the initial ACK timeout (ACK_TIMEOUT * [1, ACK_RANDOM_FACTOR]) from Math.random; redraw it
   * from the seeded Random. Retransmissions then double it each time (RFC 7252 §4.2), MAX_RETRANSMIT times.
   */
  private seedRetransmission(req: coap.OutgoingMessage): void {
    const sender = req.sender as unknown as { _currentTime: number };
    const p = coap.parameters;
    // Whole milliseconds, so every retransmission gap is exactly twice the one before.
    sender._currentTime = Math.round(p.ackTimeout * (1 + (p.ackRandomFactor - 1) * this.random.next()) * 1000);
  }
}

/** MAX_TRANSMIT_WAIT in units of the initial ACK timeout: 2^(MAX_RETRANSMIT + 1) - 1 (RFC 7252 §4.8.2). */
const TRANSMIT_WAIT_FACTOR = 2 ** (coap.parameters.maxRetransmit + 1) - 1;

type RetrySender = { _currentTime: number; reset(): void; on(event: 'sending', listener: (message: Buffer) => void): unknown };

/**
 * Gives up a confirmable message once MAX_TRANSMIT_WAIT has passed since its first transmission without an
 * answer, as RFC 7252 §4.2 has a requester do: node-coap itself waits until EXCHANGE_LIFETIME (247 s). The
 * wait starts again for each new message of the exchange (each Block2 request of a download has its own id).
 * Its timer is a global one, like node-coap's retransmission timers (the virtual clock fakes both alike).
 */
function giveUpAfterTransmitWait(req: coap.OutgoingMessage, giveUp: () => void): () => void {
  const sender = req.sender as unknown as RetrySender;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current = -1;
  let done = false;
  sender.on('sending', (message: Buffer) => {
    const messageId = message.length >= 4 ? message.readUInt16BE(2) : -1;
    if (done || messageId === current) return;
    current = messageId;
    clearTimeout(timer);
    timer = setTimeout(() => {
      done = true;
      sender.reset();
      giveUp();
    }, sender._currentTime * TRANSMIT_WAIT_FACTOR);
  });
  return () => {
    done = true;
    clearTimeout(timer);
  };
}

function toIncoming(req: coap.IncomingMessage): IncomingServerRequest {
  const options = req._packet.options ?? [];
  const contentFormat = contentFormatNumber(options, 'Content-Format');
  const accept = contentFormatNumber(options, 'Accept');
  const observeOption = options.find((o) => o.name === 'Observe');
  const incoming: IncomingServerRequest = {
    from: { address: req.rsinfo.address, port: req.rsinfo.port },
    method: req.method,
    path: optionTexts(options, 'Uri-Path'),
    query: optionTexts(options, 'Uri-Query'),
    token: req._packet.token ?? Buffer.alloc(0),
    confirmable: req._packet.confirmable !== false,
    payload: req.payload ?? Buffer.alloc(0),
  };
  if (contentFormat !== undefined) incoming.contentFormat = contentFormat;
  if (accept !== undefined) incoming.accept = accept;
  if (observeOption) incoming.observe = Number(optionText(observeOption.value) || 0);
  return incoming;
}

function responderFor(res: coap.OutgoingMessage | coap.ObserveWriteStream, req: IncomingServerRequest): ServerResponder {
  if (res instanceof coap.ObserveWriteStream) return observeResponder(res, req);
  return {
    respond(code, payload, contentFormat, locationPath) {
      res.code = code;
      if (contentFormat !== undefined) res.setOption('Content-Format', contentFormat);
      if (locationPath) res.setOption('Location-Path', locationPath.map((s) => Buffer.from(s)));
      res.end(payload);
    },
  };
}

function observeResponder(stream: coap.ObserveWriteStream, req: IncomingServerRequest): ServerResponder {
  let ended = false;
  const endListeners: Array<() => void> = [];
  const finish = (): void => {
    if (ended) return;
    ended = true;
    for (const fn of endListeners) fn();
  };
  stream.on('finish', finish);
  stream.on('close', finish);
  stream.on('error', finish);
  const notifications: NotificationStream = {
    notify(code, payload, contentFormat) {
      if (ended || stream.writableEnded) return false;
      stream.statusCode = code;
      if (contentFormat !== undefined) stream.setOption('Content-Format', contentFormat);
      stream.write(payload);
      return true;
    },
    end() {
      if (!stream.writableEnded) stream.end();
      finish();
    },
    onEnd(fn) {
      endListeners.push(fn);
    },
    get ended() {
      return ended;
    },
    peer: req.from,
    confirmable: req.confirmable,
  };
  return {
    respond(code, payload, contentFormat) {
      // An error answer to an Observe request: no Observe option, and the observation does not start.
      stream.statusCode = code;
      if (contentFormat !== undefined) stream.setOption('Content-Format', contentFormat);
      if (payload && payload.length > 0 && code.startsWith('2')) stream.write(payload);
      stream.end();
      finish();
    },
    respondPlain(code, payload, contentFormat) {
      // node-coap adds Observe to every write; its private _doSend sends one packet without it, and a
      // non-zero _counter stops end() from sending a second, empty answer. Typed boundary to its internals.
      const raw = stream as unknown as { _doSend(data?: Buffer): void; _counter: number };
      stream.statusCode = code;
      if (contentFormat !== undefined) stream.setOption('Content-Format', contentFormat);
      raw._doSend(payload);
      raw._counter = 1;
      stream.end();
      finish();
    },
    notifications,
  };
}
