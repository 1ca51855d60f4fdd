import type { CoapMessage, CoapResponse, Notification, NotificationHandler, Observation } from './api.ts';
import type { Endpoint } from '../net/transport.ts';
import { isSuccessCode } from './codes.ts';
import { isNewerNotification } from './observe-order.ts';
import { contentFormat, observe } from './options.ts';
import type { Trace, TraceEntry } from './trace.ts';

export interface ObservationDeps {
  peer: Endpoint;
  token: Buffer;
  first: CoapResponse;
  /** The run clock's time when the first response arrived. */
  firstAt: number;
  handler: NotificationHandler;
  trace: Trace;
  /** Operation name written on notification trace entries. */
  operation: string;
  /** Forgets the token, so later notifications are answered with RST. */
  forget: () => void;
  /** Sends the deregistration GET (Observe=1) with the same token. */
  deregister: () => Promise<unknown>;
}

/** The observing side of one RFC 7641 observation. */
export class ClientObservation implements Observation {
  private isActive: boolean;
  private lastSequence: number | undefined;
  private lastAt: number;

  constructor(private readonly deps: ObservationDeps) {
    this.isActive = deps.first.observe !== undefined && isSuccessCode(deps.first.code);
    this.lastSequence = deps.first.observe;
    this.lastAt = deps.firstAt;
  }

  get first(): CoapResponse {
    return this.deps.first;
  }

  get token(): Buffer {
    return this.deps.token;
  }

  get active(): boolean {
    return this.isActive;
  }

  /** A response with this observation's token arrived (after duplicate detection). */
  accept(message: CoapMessage, from: Endpoint, entry: TraceEntry, now: number): void {
    const { trace } = this.deps;
    trace.tag([entry.id], this.deps.operation);
    const sequence = observe(message);
    const ends = !isSuccessCode(message.code) || sequence === undefined;
    if (!ends && this.lastSequence !== undefined && !isNewerNotification(this.lastSequence, this.lastAt, sequence, now)) {
      trace.annotate(entry.id, `stale notification dropped (obs=${sequence} after obs=${this.lastSequence})`);
      return;
    }
    if (sequence !== undefined) {
      this.lastSequence = sequence;
      this.lastAt = now;
    }
    if (ends) {
      // RFC 7641 §3.2: an error response, or a response without Observe, ends the observation.
      this.end();
      trace.annotate(entry.id, `observation ended by the peer (${message.code}${sequence === undefined ? ', no Observe option' : ''})`);
    }
    const notification: Notification = {
      from: { ...from },
      code: message.code,
      payload: message.payload,
      receivedAt: now,
      message,
      traceIds: [entry.id],
      ...(sequence !== undefined ? { observe: sequence } : {}),
      ...(contentFormat(message) !== undefined ? { contentFormat: contentFormat(message) } : {}),
    };
    try {
      this.deps.handler(notification);
    } catch (error) {
      trace.annotate(entry.id, `notification handler threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async cancel(mode: 'rst' | 'get' = 'rst'): Promise<void> {
    if (!this.isActive) return;
    this.end();
    if (mode === 'get') await this.deps.deregister();
  }

  /** Ends without telling the peer (endpoint closed, or the peer ended it). */
  end(): void {
    this.isActive = false;
    this.deps.forget();
  }
}
