import type {
  CoapMessage,
  CoapRequest,
  CoapResponse,
  IncomingRequest,
  Notification,
  NotificationHandler,
  Observation,
  OutgoingResponse,
  RequestHandler,
  RequestOptions,
} from '../../../coap/api.ts';
import type { Clock } from '../../../clock/clock.ts';
import type { Endpoint } from '../../../net/transport.ts';
import type { CoapMessaging } from '../coap-messaging.ts';
import type { PayloadCodecs } from '../payload-codecs.ts';

/** What the scripted peer answers; `undefined` means no answer ever (to test timeouts). */
export type ScriptedAnswer = Partial<Omit<CoapResponse, 'message' | 'traceIds'>> & { code: string } | undefined;

function message(code: string, payload: Buffer = Buffer.alloc(0)): CoapMessage {
  return { type: 'ACK', code, messageId: 0, token: Buffer.alloc(0), options: [], payload };
}

interface Sent {
  to: Endpoint;
  request: CoapRequest;
  options: RequestOptions | undefined;
}

/**
 * A stand-in for the CoAP endpoint that skips the wire: the test plays the client by answering `request`s with
 * `answer` and by injecting incoming requests with `incoming`. For unit tests of the server's LwM2M logic.
 */
export class ScriptedCoap implements CoapMessaging {
  readonly sent: Sent[] = [];
  answer: (to: Endpoint, request: CoapRequest) => ScriptedAnswer = () => ({ code: '2.05' });
  private handler: RequestHandler | undefined;
  private readonly observers: { token: Buffer; onNotification: NotificationHandler; active: boolean; cancelledWith?: string }[] = [];
  private nextTrace = 1;
  closed = false;

  constructor(private readonly clock: Clock) {}

  setRequestHandler(handler: RequestHandler): void {
    this.handler = handler;
  }

  async request(to: Endpoint, request: CoapRequest, options?: RequestOptions): Promise<CoapResponse> {
    this.sent.push({ to, request, options });
    const answer = this.answer(to, request);
    if (answer === undefined) return new Promise<CoapResponse>(() => undefined);
    return {
      payload: Buffer.alloc(0),
      locationPath: [],
      ...answer,
      message: message(answer.code, answer.payload),
      traceIds: [this.nextTrace++],
    };
  }

  async observe(to: Endpoint, request: CoapRequest, onNotification: NotificationHandler, options?: RequestOptions): Promise<Observation> {
    const first = await this.request(to, request, options);
    const token = Buffer.from([this.observers.length + 1]);
    const entry: { token: Buffer; onNotification: NotificationHandler; active: boolean; cancelledWith?: string } = {
      token,
      onNotification,
      active: first.code.startsWith('2.') && first.observe !== undefined,
    };
    this.observers.push(entry);
    return {
      first,
      token,
      get active() {
        return entry.active;
      },
      cancel: async (mode = 'rst') => {
        entry.active = false;
        entry.cancelledWith = mode;
      },
    };
  }

  /** How the observation with index i was cancelled ('rst', 'get'), if it was. */
  cancelledWith(i: number): string | undefined {
    return this.observers[i]?.cancelledWith;
  }

  /** Delivers a notification to observation i (only while the CoAP layer would still accept it). */
  notify(i: number, n: Partial<Notification> & { payload: Buffer }): boolean {
    const o = this.observers[i];
    if (o === undefined || !o.active) return false;
    o.onNotification({
      from: { address: '127.0.0.1', port: 56830 },
      code: '2.05',
      receivedAt: this.clock.now(),
      message: message(n.code ?? '2.05', n.payload),
      traceIds: [this.nextTrace++],
      ...n,
    });
    return true;
  }

  /** The client sends a request to the server. */
  async incoming(request: Partial<IncomingRequest> & Pick<IncomingRequest, 'method' | 'path'>): Promise<OutgoingResponse> {
    if (this.handler === undefined) throw new Error('no request handler set');
    return this.handler({
      from: { address: '127.0.0.1', port: 56830 },
      query: [],
      payload: Buffer.alloc(0),
      message: message('0.02'),
      traceIds: [this.nextTrace++],
      ...request,
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Codecs that write entries as JSON: enough for logic tests that do not care about wire formats. */
export const jsonCodecs: PayloadCodecs = {
  encode: (_format, entries) => Buffer.from(JSON.stringify(entries)),
  decode: (format, payload) => {
    if (format === 0) throw new Error('text not supported by the JSON stand-in');
    return JSON.parse(payload.toString('utf8')) as ReturnType<PayloadCodecs['decode']>;
  },
};
