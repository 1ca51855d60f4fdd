/**
 * Evidence: what a verdict rests on (DESIGN §3.6). Every piece is plain JSON so it can be written into
 * results.json, the matrix and the Allure attachments unchanged. Producers must not put secrets (PSK keys)
 * into evidence: the reports print it as it is.
 */
import { isDeepStrictEqual } from 'node:util';

/** A value that survives JSON.stringify / JSON.parse unchanged. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One check: what the specification expects against what the device did. */
export interface ExpectationEvidence {
  kind: 'expectation';
  /** What was checked, e.g. "Register carries the endpoint name". */
  what?: string;
  expected: JsonValue;
  observed: JsonValue;
  ok: boolean;
}

/** The messages that show a behaviour: ids of entries in the scenario's trace (harness/coap/trace.ts). */
export interface ExchangeEvidence {
  kind: 'exchange';
  traceIds: readonly number[];
  summary: string;
}

/** Lines from the DUT's console (serial shell, process stdout). */
export interface ConsoleEvidence {
  kind: 'console';
  lines: readonly string[];
}

/** One thing the lab did to the DUT at a time on the run clock. */
export interface LabEvent {
  /** The run clock's time in ms (same time base as trace entries). */
  time: number;
  /** What happened, e.g. "power off", "relay 2 closed", "blackout start", "loss 30%". */
  event: string;
  detail?: string;
}

/** Power control (off/on/reset) or network shaping (loss, blackout, rebinding) applied during the scenario. */
export interface LabEventEvidence {
  kind: 'power' | 'shaping';
  events: readonly LabEvent[];
}

/** Free text: an explanation a reader needs that fits nowhere else. */
export interface NoteEvidence {
  kind: 'note';
  text: string;
}

export type Evidence = ExpectationEvidence | ExchangeEvidence | ConsoleEvidence | LabEventEvidence | NoteEvidence;

export type EvidenceKind = Evidence['kind'];

export const EVIDENCE_KINDS: readonly EvidenceKind[] = ['expectation', 'exchange', 'console', 'power', 'shaping', 'note'];

/** An expectation whose `ok` the caller decided (for checks that are not plain equality: ranges, patterns). */
export function expectation(expected: JsonValue, observed: JsonValue, ok: boolean, what?: string): ExpectationEvidence {
  return what === undefined ? { kind: 'expectation', expected, observed, ok } : { kind: 'expectation', what, expected, observed, ok };
}

/** An expectation that holds when observed deep-equals expected. */
export function expectEqual(what: string, expected: JsonValue, observed: JsonValue): ExpectationEvidence {
  return expectation(expected, observed, isDeepStrictEqual(expected, observed), what);
}

export function exchange(summary: string, traceIds: Iterable<number>): ExchangeEvidence {
  return { kind: 'exchange', traceIds: [...traceIds], summary };
}

export function consoleLines(lines: Iterable<string>): ConsoleEvidence {
  return { kind: 'console', lines: [...lines] };
}

export function powerEvents(events: Iterable<LabEvent>): LabEventEvidence {
  return { kind: 'power', events: [...events] };
}

export function shapingEvents(events: Iterable<LabEvent>): LabEventEvidence {
  return { kind: 'shaping', events: [...events] };
}

export function note(text: string): NoteEvidence {
  return { kind: 'note', text };
}

/** The expectations in a list of evidence that did not hold. */
export function failedExpectations(evidence: readonly Evidence[]): ExpectationEvidence[] {
  return evidence.filter((e): e is ExpectationEvidence => e.kind === 'expectation' && !e.ok);
}
