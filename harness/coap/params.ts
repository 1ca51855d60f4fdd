import type { Random } from '../random.ts';

/** RFC 7252 §4.8 transmission parameters (ms and counts). */
export interface TransmissionParams {
  ackTimeoutMs: number;
  ackRandomFactor: number;
  maxRetransmit: number;
  /** Outstanding interactions allowed per peer. */
  nstart: number;
  /** Upper bound on how long the network may delay a datagram. */
  maxLatencyMs: number;
  /** Time a node takes to turn a CON into an ACK. */
  processingDelayMs: number;
}

export const DEFAULT_TRANSMISSION_PARAMS: TransmissionParams = {
  ackTimeoutMs: 2000,
  ackRandomFactor: 1.5,
  maxRetransmit: 4,
  nstart: 1,
  maxLatencyMs: 100_000,
  processingDelayMs: 2000,
};

/** RFC 7252 §4.8.2 derived values. */
export interface DerivedTimes {
  /** From the first transmission of a CON to its last retransmission (45 s by default). */
  maxTransmitSpanMs: number;
  /** From the first transmission of a CON until the sender gives up waiting for an ACK (93 s). */
  maxTransmitWaitMs: number;
  /** How long a message id must not be reused and a duplicate is still recognised (247 s). */
  exchangeLifetimeMs: number;
  /** Same for NON messages (145 s). */
  nonLifetimeMs: number;
}

export function deriveTimes(p: TransmissionParams): DerivedTimes {
  const span = p.ackTimeoutMs * (2 ** p.maxRetransmit - 1) * p.ackRandomFactor;
  const wait = p.ackTimeoutMs * (2 ** (p.maxRetransmit + 1) - 1) * p.ackRandomFactor;
  return {
    maxTransmitSpanMs: span,
    maxTransmitWaitMs: wait,
    exchangeLifetimeMs: span + 2 * p.maxLatencyMs + p.processingDelayMs,
    nonLifetimeMs: span + p.maxLatencyMs,
  };
}

/** The first retransmission timeout: uniform in [ACK_TIMEOUT, ACK_TIMEOUT * ACK_RANDOM_FACTOR], whole ms. */
export function initialRetransmitTimeout(p: TransmissionParams, random: Random): number {
  return Math.round(p.ackTimeoutMs * (1 + random.next() * (p.ackRandomFactor - 1)));
}

export function resolveParams(overrides: Partial<TransmissionParams> = {}): TransmissionParams {
  const p = { ...DEFAULT_TRANSMISSION_PARAMS, ...overrides };
  if (!(p.ackTimeoutMs > 0) || !(p.ackRandomFactor >= 1) || !(p.maxRetransmit >= 0) || !(p.nstart >= 1)) {
    throw new RangeError(`bad CoAP transmission parameters: ${JSON.stringify(p)}`);
  }
  return p;
}
