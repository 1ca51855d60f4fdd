import type { Clock } from '../../clock/clock.ts';
import type { Endpoint } from '../../net/transport.ts';
import type { CoapRequest, CoapResponse, NotificationHandler, Observation } from '../../coap/api.ts';
import type { Trace } from '../../coap/trace.ts';
import type { CoapMessaging } from './coap-messaging.ts';
import { NoSmsNumberError, UnknownClientError } from './protocol-error.ts';
import type { QueueMode } from './registration/queue-mode.ts';
import type { Registration } from './registration/registration.ts';
import type { RegistrationStore } from './registration/registration-store.ts';
import { withTimeout } from './with-timeout.ts';

/** Per-request options every server-initiated operation accepts. */
export interface SendOptions {
  /** Give up after this many ms of the run's clock (default: the server's operation timeout). */
  timeoutMs?: number;
  /**
   * 'sms': send to the MSISDN the client announced (`sms` parameter, binding with S) instead of its IP address;
   * the server's transport must reach MSISDNs (a BearerRouter). Default: the address the client registered from.
   */
  bearer?: 'sms';
}

/** Default wait for an answer: a little more than EXCHANGE_LIFETIME-free retransmission (MAX_TRANSMIT_WAIT). */
export const DEFAULT_OPERATION_TIMEOUT_MS = 93_000;

/**
 * Sends server-initiated requests to a registered client: resolves its registration and current address,
 * prefixes its root path, holds the request while a queue-mode client sleeps, times out on the run's clock
 * and tags the exchange's trace entries with the operation name.
 */
export class ClientChannel {
  constructor(
    private readonly coap: CoapMessaging,
    private readonly clock: Clock,
    private readonly store: RegistrationStore,
    private readonly queue: QueueMode,
    private readonly defaultTimeoutMs: number,
    private readonly trace?: Trace,
  ) {}

  registration(endpoint: string, operation: string): Registration {
    const registration = this.store.get(endpoint);
    if (registration === undefined) throw new UnknownClientError(endpoint, operation);
    return registration;
  }

  /** Uri-Path segments for an object path under the client's root path (`/lwm2m/3/0`). */
  uriPath(registration: Registration, segments: readonly string[]): string[] {
    const root = registration.rootPath.split('/').filter((s) => s.length > 0);
    return [...root, ...segments];
  }

  async send(endpoint: string, request: CoapRequest, operation: string, options: SendOptions = {}): Promise<CoapResponse> {
    return this.viaQueue(endpoint, operation, options, async () => {
      const registration = this.registration(endpoint, operation);
      const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
      const response = await withTimeout(
        this.clock,
        this.coap.request(destination(registration, options, operation), request, { timeoutMs, operation: tagOf(operation, options) }),
        timeoutMs,
        operation,
        { endpoint },
      );
      this.afterAnswer(endpoint, response.traceIds, tagOf(operation, options));
      return response;
    });
  }

  async observe(
    endpoint: string,
    request: CoapRequest,
    operation: string,
    onNotification: NotificationHandler,
    options: SendOptions = {},
  ): Promise<Observation> {
    return this.viaQueue(endpoint, operation, options, async () => {
      const registration = this.registration(endpoint, operation);
      const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
      const observation = await withTimeout(
        this.clock,
        this.coap.observe(destination(registration, options, operation), request, onNotification, { timeoutMs, operation: tagOf(operation, options) }),
        timeoutMs,
        operation,
        { endpoint },
      );
      this.afterAnswer(endpoint, observation.first.traceIds, tagOf(operation, options));
      return observation;
    });
  }

  /** The client answered: a queue-mode client is awake for another window; the exchange is tagged. */
  private afterAnswer(endpoint: string, traceIds: readonly number[], operation: string): void {
    this.trace?.tag(traceIds, operation);
    if (this.store.get(endpoint)?.queueMode === true) this.queue.seen(endpoint);
  }

  /** Held while a queue-mode client sleeps; not by SMS, which reaches it asleep (that is what UQS is for). */
  private viaQueue<T>(endpoint: string, operation: string, options: SendOptions, work: () => Promise<T>): Promise<T> {
    const registration = this.registration(endpoint, operation);
    return registration.queueMode && options.bearer !== 'sms' ? this.queue.run(endpoint, work) : work();
  }
}

/** Where a request to the client goes: its registered address, or its announced MSISDN for bearer 'sms' (SMS has no port: 0). */
function destination(registration: Registration, options: SendOptions, operation: string): Endpoint {
  if (options.bearer !== 'sms') return registration.address;
  if (registration.sms === undefined) throw new NoSmsNumberError(registration.endpoint, operation);
  return { address: registration.sms, port: 0 };
}

/** The trace tag of an exchange: the operation, marked when it went by SMS. */
function tagOf(operation: string, options: SendOptions): string {
  return options.bearer === 'sms' ? `${operation} (SMS)` : operation;
}
