/**
 * Summaries of trace entries for the report's message sequence charts, so a reader sees the exchange
 * without opening the pcapng. Directions are from the device's point of view of the harness: what the
 * harness received came from the device.
 */
import type { Trace, TraceEntry } from '../coap/trace.ts';
import type { Evidence } from './evidence.ts';

export interface ExchangeMessage {
  t: number;
  dir: 'to-device' | 'from-device';
  summary: string;
}

const MAX_MESSAGES = 200;
const MAX_WHOLE_SCENARIO = 60;

export function summarizeEntry(trace: Trace, entry: TraceEntry): ExchangeMessage {
  return { t: entry.time, dir: entry.direction === 'in' ? 'from-device' : 'to-device', summary: trace.render(entry) };
}

/**
 * Adds `messages` to each exchange evidence; when the scenario recorded no exchange, adds one with the
 * last messages of the scenario, so every verdict shows the traffic it rests on.
 */
export function withExchangeMessages(evidence: readonly Evidence[], trace: Trace): Array<Evidence & { messages?: ExchangeMessage[] }> {
  const out: Array<Evidence & { messages?: ExchangeMessage[] }> = evidence.map((e) => {
    if (e.kind !== 'exchange') return e;
    const messages = e.traceIds
      .slice(0, MAX_MESSAGES)
      .map((id) => trace.get(id))
      .filter((entry): entry is TraceEntry => entry !== undefined)
      .map((entry) => summarizeEntry(trace, entry));
    return { ...e, messages };
  });
  if (!evidence.some((e) => e.kind === 'exchange')) {
    const entries = trace.entries().slice(-MAX_WHOLE_SCENARIO);
    if (entries.length > 0) {
      out.push({
        kind: 'exchange',
        summary: entries.length === trace.entries().length ? 'the whole exchange of the scenario' : `the last ${entries.length} messages of the scenario`,
        traceIds: entries.map((e) => e.id),
        messages: entries.map((entry) => summarizeEntry(trace, entry)),
      });
    }
  }
  return out;
}
