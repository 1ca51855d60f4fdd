/**
 * What the simulated SMS bearer reports, for counters and evidence: every segment (sent, delivered, lost,
 * dropped as a duplicate or as malformed) and every concatenated message (reassembled, or given up).
 */
import type { ConcatInfo } from './segments.ts';

export type SegmentFate = 'sent' | 'delivered' | 'lost' | 'duplicate' | 'malformed';

export interface SmsSegmentEvent {
  kind: 'segment';
  /** Same id for a segment's 'sent' event and what became of it. */
  id: number;
  /** Run clock ms. */
  time: number;
  from: string;
  to: string;
  fate: SegmentFate;
  /** lost: 'loss' (the bearer dropped it) or 'unknown-number'; malformed: what was wrong. */
  reason?: string;
  /** TP-UD length (User Data Header included), at most 140. */
  octets: number;
  /** The User Data Header in hex (e.g. "050003070301"), when the SMS has one. */
  udh?: string;
  concat?: ConcatInfo;
}

export interface SmsMessageEvent {
  kind: 'message';
  time: number;
  from: string;
  to: string;
  fate: 'reassembled' | 'expired';
  reference: number;
  total: number;
  /** Segments in hand when it expired. */
  received?: number;
  /** Size of the reassembled datagram. */
  octets?: number;
  reason?: 'reassembly-timeout';
}

export type SmsEvent = SmsSegmentEvent | SmsMessageEvent;

export interface SmsStats {
  messagesSent: number;
  segmentsSent: number;
  segmentsDelivered: number;
  segmentsLost: number;
  segmentsDuplicate: number;
  segmentsMalformed: number;
  messagesReassembled: number;
  messagesExpired: number;
}

export function emptySmsStats(): SmsStats {
  return {
    messagesSent: 0,
    segmentsSent: 0,
    segmentsDelivered: 0,
    segmentsLost: 0,
    segmentsDuplicate: 0,
    segmentsMalformed: 0,
    messagesReassembled: 0,
    messagesExpired: 0,
  };
}

/** One line for evidence: "SMS +1555... -> +1555... delivered 140 octets, segment 2/3 ref 7". */
export function describeSmsEvent(event: SmsEvent): string {
  if (event.kind === 'message') {
    const what = event.fate === 'reassembled' ? `reassembled ${event.octets ?? 0} octets from ${event.total} segments` : `given up after ${event.received ?? 0}/${event.total} segments (reassembly timeout)`;
    return `SMS ${event.from} -> ${event.to} message ref ${event.reference} ${what}`;
  }
  const part = event.concat ? `, segment ${event.concat.sequence}/${event.concat.total} ref ${event.concat.reference}` : ', single SMS';
  const reason = event.reason ? ` (${event.reason})` : '';
  return `SMS ${event.from} -> ${event.to} ${event.fate}${reason} ${event.octets} octets${part}${event.udh ? ` UDH ${event.udh}` : ''}`;
}
