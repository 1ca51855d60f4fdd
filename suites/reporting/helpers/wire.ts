/**
 * Notifications as they appear on the wire. After a cancel the server no longer delivers notifications of the
 * observation, so whether the device really stopped is read from the trace: incoming responses that carry the
 * observation's token.
 */
import type { Trace, TraceEntry } from '../../../harness/coap/trace.ts';

/** The id of the newest trace entry: later entries have higher ids. */
export function traceMark(trace: Trace): number {
  const entries = trace.entries();
  return entries[entries.length - 1]?.id ?? 0;
}

/**
 * Responses from the device carrying `token` that were recorded after entry `afterId`, one per CoAP message
 * (a retransmitted CON is the same notification, not a new one).
 */
export function responsesWithToken(trace: Trace, token: Buffer, afterId: number): TraceEntry[] {
  const seen = new Set<number>();
  const out: TraceEntry[] = [];
  for (const entry of trace.entries({ direction: 'in' })) {
    const message = entry.message;
    if (entry.id <= afterId || message === undefined) continue;
    if (message.code.startsWith('0.') || !message.token.equals(token)) continue;
    if (seen.has(message.messageId)) continue;
    seen.add(message.messageId);
    out.push(entry);
  }
  return out;
}

/** Our RST answers to messages from the device after entry `afterId`, by the message id they reject. */
export function resetsSent(trace: Trace, afterId: number): Set<number> {
  const ids = new Set<number>();
  for (const entry of trace.entries({ direction: 'out' })) {
    if (entry.id > afterId && entry.message?.type === 'RST') ids.add(entry.message.messageId);
  }
  return ids;
}
