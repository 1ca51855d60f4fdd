/**
 * A simulated SMS centre (SMSC) on the run's clock and seeded Random: numbers attach and get a datagram
 * transport (sms-transport.ts); each SMS is delivered after its own latency (a seeded draw, so the segments of
 * one message may overtake each other), may be lost or duplicated, and is reported as an event. An SMS to a
 * number nobody has attached is lost ('unknown-number'): there is no store-and-forward here, by choice, so
 * that a device that is powered off simply misses what was sent meanwhile.
 */
import type { Clock, TimerHandle } from '../../clock/clock.ts';
import { InputError } from '../../errors.ts';
import type { Random } from '../../random.ts';
import { SmsAttachError } from './errors.ts';
import { isMsisdn } from './msisdn.ts';
import { parseSms, type SmsPdu } from './segments.ts';
import { emptySmsStats, type SmsEvent, type SmsSegmentEvent, type SmsStats } from './sms-events.ts';
import { SmsTransport } from './sms-transport.ts';

export interface LatencyRange {
  min: number;
  max: number;
}

export interface SmsCenterOptions {
  clock: Clock;
  random: Random;
  /** Per-SMS delivery latency, drawn uniformly in [min, max] ms (default 250..900: SMS-like, yet under CoAP's 2 s ACK timeout for a round trip). */
  latencyMs?: LatencyRange;
  /** Probability that an SMS is lost (default 0). */
  lossRate?: number;
  /** Probability that an SMS is delivered twice (default 0). */
  duplicateRate?: number;
  /** How long a receiver waits for the missing segments of a message before giving it up (default 60 s). */
  reassemblyTimeoutMs?: number;
  /** Events kept for history() (default 10,000; older ones are dropped). */
  historyLimit?: number;
}

export const DEFAULT_SMS_LATENCY: LatencyRange = { min: 250, max: 900 };
export const DEFAULT_REASSEMBLY_TIMEOUT_MS = 60_000;

export class SmsCenter {
  readonly clock: Clock;
  private readonly random: Random;
  private latency: LatencyRange;
  private lossRate: number;
  private duplicateRate: number;
  readonly reassemblyTimeoutMs: number;
  private readonly historyLimit: number;
  private readonly attached = new Map<string, SmsTransport>();
  private readonly listeners = new Set<(event: SmsEvent) => void>();
  private readonly log: SmsEvent[] = [];
  private readonly timers = new Set<TimerHandle>();
  private readonly counters: SmsStats = emptySmsStats();
  private nextId = 1;

  constructor(options: SmsCenterOptions) {
    this.clock = options.clock;
    this.random = options.random;
    this.latency = checkLatency(options.latencyMs ?? DEFAULT_SMS_LATENCY);
    this.lossRate = checkRate('lossRate', options.lossRate ?? 0);
    this.duplicateRate = checkRate('duplicateRate', options.duplicateRate ?? 0);
    this.reassemblyTimeoutMs = options.reassemblyTimeoutMs ?? DEFAULT_REASSEMBLY_TIMEOUT_MS;
    this.historyLimit = options.historyLimit ?? 10_000;
  }

  /** Attaches a number (a SIM joining the network); its transport receives what is sent to it. */
  attach(msisdn: string): SmsTransport {
    if (!isMsisdn(msisdn)) throw new SmsAttachError(`'${msisdn}' is not an MSISDN (an optional + and 3 to 15 digits)`, { msisdn });
    if (this.attached.has(msisdn)) throw new SmsAttachError(`the number ${msisdn} is already attached to the SMS centre`, { msisdn });
    const transport = new SmsTransport(this, msisdn, this.random.int(0, 255));
    this.attached.set(msisdn, transport);
    return transport;
  }

  isAttached(msisdn: string): boolean {
    return this.attached.has(msisdn);
  }

  setLatency(range: LatencyRange): void {
    this.latency = checkLatency(range);
  }

  setLossRate(rate: number): void {
    this.lossRate = checkRate('lossRate', rate);
  }

  setDuplicateRate(rate: number): void {
    this.duplicateRate = checkRate('duplicateRate', rate);
  }

  /** Every event from now on; returns an unsubscribe function. */
  onEvent(listener: (event: SmsEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Events so far (the most recent historyLimit), optionally from a run-clock time on. */
  history(filter: { from?: number } = {}): SmsEvent[] {
    return this.log.filter((e) => filter.from === undefined || e.time >= filter.from);
  }

  stats(): SmsStats {
    return { ...this.counters };
  }

  /**
   * Sends one SMS as it is, from `from` to `to` (what a modem does with a ready PDU). Transports use it for
   * each segment; tests use it to send segments out of order, twice, or malformed.
   */
  submit(from: string, to: string, pdu: SmsPdu): void {
    const id = this.nextId++;
    const userData = Buffer.from(pdu.userData);
    const base = segmentFacts(pdu.udhi, userData);
    this.counters.segmentsSent++;
    this.emit({ kind: 'segment', id, time: this.clock.now(), from, to, fate: 'sent', ...base });
    if (this.random.chance(this.lossRate)) {
      this.counters.segmentsLost++;
      this.emit({ kind: 'segment', id, time: this.clock.now(), from, to, fate: 'lost', reason: 'loss', ...base });
      return;
    }
    const copies = this.random.chance(this.duplicateRate) ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      const latency = this.random.int(this.latency.min, this.latency.max);
      const handle = this.clock.setTimeout(() => {
        this.timers.delete(handle);
        this.deliver(id, from, to, { udhi: pdu.udhi, userData });
      }, latency);
      this.timers.add(handle);
    }
  }

  /** Detaches every number and cancels what is still on its way. */
  async close(): Promise<void> {
    for (const handle of this.timers) handle.cancel();
    this.timers.clear();
    await Promise.all([...this.attached.values()].map((t) => t.close()));
  }

  /** @internal SmsTransport.send counts each datagram it hands over. */
  countMessage(): void {
    this.counters.messagesSent++;
  }

  /** @internal */
  detach(transport: SmsTransport): void {
    if (this.attached.get(transport.msisdn) === transport) this.attached.delete(transport.msisdn);
  }

  /** @internal transports report what became of what they received. */
  emit(event: SmsEvent): void {
    if (event.kind === 'message') {
      if (event.fate === 'reassembled') this.counters.messagesReassembled++;
      else this.counters.messagesExpired++;
    } else if (event.fate === 'duplicate') this.counters.segmentsDuplicate++;
    else if (event.fate === 'malformed') this.counters.segmentsMalformed++;
    this.log.push(event);
    if (this.log.length > this.historyLimit) this.log.splice(0, this.log.length - this.historyLimit);
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // An observer's bug must not stop delivery.
      }
    }
  }

  private deliver(id: number, from: string, to: string, pdu: SmsPdu): void {
    const base = segmentFacts(pdu.udhi, pdu.userData);
    const receiver = this.attached.get(to);
    if (!receiver) {
      this.counters.segmentsLost++;
      this.emit({ kind: 'segment', id, time: this.clock.now(), from, to, fate: 'lost', reason: 'unknown-number', ...base });
      return;
    }
    this.counters.segmentsDelivered++;
    this.emit({ kind: 'segment', id, time: this.clock.now(), from, to, fate: 'delivered', ...base });
    receiver.receive(id, from, pdu);
  }
}

/** Size, header and concatenation facts of one SMS, for its events. */
export function segmentFacts(udhi: boolean, userData: Buffer): Pick<SmsSegmentEvent, 'octets' | 'udh' | 'concat'> {
  const parsed = parseSms({ udhi, userData });
  const udhLength = udhi && userData.length > 0 ? 1 + (userData[0] ?? 0) : 0;
  return {
    octets: userData.length,
    ...(udhLength > 0 ? { udh: userData.subarray(0, Math.min(udhLength, userData.length)).toString('hex') } : {}),
    ...(parsed.kind === 'part' ? { concat: parsed.concat } : {}),
  };
}

function checkLatency(range: LatencyRange): LatencyRange {
  const ok = Number.isInteger(range.min) && Number.isInteger(range.max) && range.min >= 0 && range.max >= range.min;
  if (!ok) throw new InputError(`SMS latency must be whole ms with 0 <= min <= max, got ${range.min}..${range.max}`, { ...range });
  return { ...range };
}

function checkRate(name: string, rate: number): number {
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new InputError(`${name} must be within 0..1, got ${rate}`, { [name]: rate });
  return rate;
}
