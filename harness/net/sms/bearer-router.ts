/**
 * One DatagramTransport over two bearers: a datagram to an MSISDN goes by SMS, anything else by IP; what
 * arrives on either comes out of onMessage with its true source (an IP endpoint, or the sender's number with
 * port 0). So a CoAP endpoint on a router serves peers on both bearers and answers each on the one it came by.
 * `local` is the IP side's address; the SMS side is `smsNumber`. close() closes both bearers.
 */
import { HandlerSet } from '../handlers.ts';
import { TransportClosedError } from '../errors.ts';
import type { DatagramHandler, DatagramTransport, Endpoint } from '../transport.ts';
import { endpointKey } from '../transport.ts';
import { isMsisdn } from './msisdn.ts';

export interface BearerRouterOptions {
  ip: DatagramTransport;
  sms: DatagramTransport;
}

export type Bearer = 'ip' | 'sms';

export class BearerRouter implements DatagramTransport {
  readonly local: Endpoint;
  private readonly ip: DatagramTransport;
  private readonly sms: DatagramTransport;
  private readonly handlers = new HandlerSet();
  private readonly unsubscribe: Array<() => void>;
  private closed = false;

  constructor(options: BearerRouterOptions) {
    this.ip = options.ip;
    this.sms = options.sms;
    this.local = options.ip.local;
    this.unsubscribe = [
      this.ip.onMessage((data, from) => this.handlers.dispatch(data, from)),
      this.sms.onMessage((data, from) => this.handlers.dispatch(data, from)),
    ];
  }

  /** The number the SMS side is attached as. */
  get smsNumber(): string {
    return this.sms.local.address;
  }

  /** Which bearer a datagram to `to` takes. */
  static bearerFor(to: Endpoint): Bearer {
    return isMsisdn(to.address) ? 'sms' : 'ip';
  }

  send(data: Buffer, to: Endpoint): Promise<void> {
    if (this.closed) return Promise.reject(new TransportClosedError(this.local, `send to ${endpointKey(to)}`));
    return BearerRouter.bearerFor(to) === 'sms' ? this.sms.send(data, to) : this.ip.send(data, to);
  }

  onMessage(handler: DatagramHandler): () => void {
    return this.handlers.add(handler);
  }

  /** Receivers that threw. Without a listener their errors are re-thrown. */
  onError(listener: (error: unknown) => void): () => void {
    return this.handlers.onError(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.unsubscribe) off();
    this.handlers.clear();
    await Promise.all([this.ip.close(), this.sms.close()]);
  }
}
