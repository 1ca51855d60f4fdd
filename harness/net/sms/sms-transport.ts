/**
 * One attached number as a DatagramTransport: a datagram sent to an MSISDN goes as one SMS, or as concatenated
 * SMS when it is longer than 140 octets; what arrives is reassembled and handed on with the sender's number
 * as its source (port 0). The destination port is ignored: SMS has none.
 */
import { HandlerSet } from '../handlers.ts';
import { SendError, TransportClosedError } from '../errors.ts';
import type { DatagramHandler, DatagramTransport, Endpoint } from '../transport.ts';
import { endpointKey } from '../transport.ts';
import { SmsTooLargeError } from './errors.ts';
import { isMsisdn, smsEndpoint } from './msisdn.ts';
import { Reassembler } from './reassembly.ts';
import { MAX_MESSAGE_OCTETS, parseSms, splitIntoSms, type SmsPdu } from './segments.ts';
import { segmentFacts, type SmsCenter } from './sms-center.ts';

export class SmsTransport implements DatagramTransport {
  readonly local: Endpoint;
  private readonly handlers = new HandlerSet();
  private readonly reassembler: Reassembler;
  private closed = false;

  /** @internal made by SmsCenter.attach. */
  constructor(
    private readonly center: SmsCenter,
    readonly msisdn: string,
    /** The next concatenation reference (8-bit, incremented per concatenated message). */
    private nextReference: number,
  ) {
    this.local = smsEndpoint(msisdn);
    this.reassembler = new Reassembler(center.clock, center.reassemblyTimeoutMs, (expired) => {
      center.emit({
        kind: 'message', time: center.clock.now(), from: expired.sender, to: msisdn, fate: 'expired',
        reference: expired.reference, total: expired.total, received: expired.received, reason: 'reassembly-timeout',
      });
    });
  }

  send(data: Buffer, to: Endpoint): Promise<void> {
    if (this.closed) return Promise.reject(new TransportClosedError(this.local, `send to ${endpointKey(to)}`));
    if (typeof to.address !== 'string' || !isMsisdn(to.address)) {
      return Promise.reject(new SendError(to, 'not an MSISDN: the SMS bearer reaches phone numbers only', { local: this.msisdn }));
    }
    const reference = this.nextReference;
    const pdus = splitIntoSms(data, reference);
    if (pdus === undefined) return Promise.reject(new SmsTooLargeError(data.length, MAX_MESSAGE_OCTETS, { from: this.msisdn, to: to.address }));
    if (pdus.length > 1) this.nextReference = (reference + 1) & 0xff;
    this.center.countMessage();
    for (const pdu of pdus) this.center.submit(this.msisdn, to.address, pdu);
    return Promise.resolve();
  }

  onMessage(handler: DatagramHandler): () => void {
    return this.handlers.add(handler);
  }

  /** Receivers that threw. Without a listener their errors are re-thrown. */
  onError(listener: (error: unknown) => void): () => void {
    return this.handlers.onError(listener);
  }

  /** Detaches the number; messages in reassembly are dropped. Idempotent. */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.handlers.clear();
      this.reassembler.close();
      this.center.detach(this);
    }
    return Promise.resolve();
  }

  /** Messages waiting for missing segments. */
  pendingReassembly(): number {
    return this.reassembler.pending();
  }

  /** @internal the centre delivers one SMS. */
  receive(id: number, from: string, pdu: SmsPdu): void {
    if (this.closed) return;
    const parsed = parseSms(pdu);
    const time = this.center.clock.now();
    const facts = segmentFacts(pdu.udhi, pdu.userData);
    if (parsed.kind === 'malformed') {
      this.center.emit({ kind: 'segment', id, time, from, to: this.msisdn, fate: 'malformed', reason: parsed.reason, ...facts });
      return;
    }
    if (parsed.kind === 'whole') {
      this.handlers.dispatch(Buffer.from(parsed.payload), smsEndpoint(from));
      return;
    }
    const result = this.reassembler.add(from, parsed.concat, parsed.payload);
    switch (result.outcome) {
      case 'partial':
        return;
      case 'duplicate':
        this.center.emit({ kind: 'segment', id, time, from, to: this.msisdn, fate: 'duplicate', ...facts });
        return;
      case 'inconsistent':
        this.center.emit({ kind: 'segment', id, time, from, to: this.msisdn, fate: 'malformed', reason: result.reason, ...facts });
        return;
      case 'complete':
        this.center.emit({
          kind: 'message', time, from, to: this.msisdn, fate: 'reassembled',
          reference: parsed.concat.reference, total: result.total, octets: result.data.length,
        });
        this.handlers.dispatch(result.data, smsEndpoint(from));
        return;
    }
  }
}
