/**
 * Evidence as plain text lines: the form the Markdown matrix, JUnit failure bodies and the CLI diff share.
 * Lines are not escaped here; each renderer escapes for its own format.
 */
import type { EvidenceEntry, ExchangeMessage } from '../results-schema.ts';

/** Seconds with millisecond precision, e.g. 12.345 s. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** Strings as they are, anything else as JSON (so 1 and "1" stay apart only where it matters: non-strings). */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '(nothing)';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function formatExpectation(entry: Extract<EvidenceEntry, { kind: 'expectation' }>): string {
  const label = entry.what ? `${entry.what}: ` : '';
  return `${entry.ok ? 'ok' : 'FAILED'} ${label}expected ${formatValue(entry.expected)}, observed ${formatValue(entry.observed)}`;
}

/** "+0.120 s  server -> device  CON GET /3/0/2", times relative to the first message. */
export function formatMessage(message: ExchangeMessage, origin: number): string {
  const arrow = message.dir === 'to-device' ? 'server -> device' : 'device -> server';
  return `+${formatSeconds(message.t - origin)}  ${arrow}  ${message.summary}`;
}

export function evidenceLines(entry: EvidenceEntry): string[] {
  switch (entry.kind) {
    case 'expectation':
      return [formatExpectation(entry)];
    case 'exchange': {
      const ids = entry.traceIds.length > 0 ? ` (trace entries ${entry.traceIds.join(', ')})` : '';
      const messages = entry.messages ?? [];
      const origin = messages[0]?.t ?? 0;
      return [`exchange: ${entry.summary}${ids}`, ...messages.map((m) => `  ${formatMessage(m, origin)}`)];
    }
    case 'console':
      return ['console:', ...entry.lines.map((line) => `  | ${line}`)];
    case 'power':
    case 'shaping':
      return entry.events.map(
        (e) => `${entry.kind} at ${formatSeconds(e.time)}: ${e.event}${e.detail ? ` (${e.detail})` : ''}`,
      );
    case 'note':
      return [`note: ${entry.text}`];
  }
}

/** All evidence of a scenario, failed expectations first: they are what a reader looks for. */
export function evidenceText(evidence: readonly EvidenceEntry[]): string[] {
  const failedFirst = [...evidence].sort((a, b) => rank(a) - rank(b));
  return failedFirst.flatMap(evidenceLines);
}

function rank(entry: EvidenceEntry): number {
  return entry.kind === 'expectation' && !entry.ok ? 0 : 1;
}
