/**
 * Verdicts, not booleans (DESIGN §3.6). A scenario ends in a ScenarioOutcome: a verdict, the reason in
 * one sentence, SHOULD deviations as warnings, and the evidence it rests on. A requirement's verdict is the
 * worst of its scenarios' verdicts.
 */
import { HarnessError } from '../errors.ts';
import type { Evidence, JsonValue } from './evidence.ts';
import { failedExpectations, note } from './evidence.ts';

export type Verdict = 'pass' | 'fail' | 'inconclusive' | 'not-supported' | 'not-applicable' | 'error';

/**
 * Every verdict, worst first. The order is the ranking used by worstVerdict:
 *   error > fail > inconclusive > pass > not-supported > not-applicable
 * - error, fail, inconclusive, pass: as DESIGN §3.6 states.
 * - not-supported ranks below pass: when a device offers one of several mechanisms for a requirement
 *   (e.g. firmware pull but not push) and that one passes, the requirement passes; the declared-absent
 *   mechanism is not a defect. Only when every scenario is not-supported is the requirement not-supported.
 * - not-applicable ranks lowest: it says only that the requirement is "FFS" in release 1.0, so any fact
 *   about the device (even "declared absent") tells the reader more.
 */
export const VERDICTS: readonly Verdict[] = ['error', 'fail', 'inconclusive', 'pass', 'not-supported', 'not-applicable'];

const SEVERITY: Readonly<Record<Verdict, number>> = {
  error: 5,
  fail: 4,
  inconclusive: 3,
  pass: 2,
  'not-supported': 1,
  'not-applicable': 0,
};

export function isVerdict(value: unknown): value is Verdict {
  return typeof value === 'string' && Object.hasOwn(SEVERITY, value);
}

/** Higher is worse. */
export function verdictSeverity(verdict: Verdict): number {
  return SEVERITY[verdict];
}

/** Sort comparator: worst verdict first. */
export function compareVerdicts(a: Verdict, b: Verdict): number {
  return SEVERITY[b] - SEVERITY[a];
}

/**
 * The worst of the given verdicts. With none (a requirement no scenario covers, or none ran) the answer is
 * `whenEmpty`, by default inconclusive: nothing reached a check, and that must never read as a pass.
 */
export function worstVerdict(verdicts: Iterable<Verdict>, whenEmpty: Verdict = 'inconclusive'): Verdict {
  let worst: Verdict | undefined;
  for (const v of verdicts) if (worst === undefined || SEVERITY[v] > SEVERITY[worst]) worst = v;
  return worst ?? whenEmpty;
}

export type VerdictCounts = Record<Verdict, number>;

/** Counts per verdict, every verdict present (the `summary` of results.json). */
export function countVerdicts(verdicts: Iterable<Verdict>): VerdictCounts {
  const counts: VerdictCounts = { pass: 0, fail: 0, inconclusive: 0, 'not-supported': 0, 'not-applicable': 0, error: 0 };
  for (const v of verdicts) counts[v] += 1;
  return counts;
}

/** A deviation from a SHOULD of the specification: shown with the verdict, never turns it into a fail. */
export interface VerdictWarning {
  /** Stable, machine-readable, e.g. "server-default-pmin-ignored". */
  code: string;
  message: string;
}

export function warning(code: string, message: string): VerdictWarning {
  return { code, message };
}

export interface ScenarioOutcome {
  verdict: Verdict;
  /** One sentence a reader of the report understands without the trace. */
  reason: string;
  warnings: readonly VerdictWarning[];
  evidence: readonly Evidence[];
}

export interface OutcomeDetails {
  warnings?: readonly VerdictWarning[];
  evidence?: readonly Evidence[];
}

export function outcome(verdict: Verdict, reason: string, details: OutcomeDetails = {}): ScenarioOutcome {
  return { verdict, reason, warnings: [...(details.warnings ?? [])], evidence: [...(details.evidence ?? [])] };
}

export function pass(reason = 'every check held', details?: OutcomeDetails): ScenarioOutcome {
  return outcome('pass', reason, details);
}

export function fail(reason: string, details?: OutcomeDetails): ScenarioOutcome {
  return outcome('fail', reason, details);
}

/** The scenario could not reach its check (the DUT never registered, a stimulus is missing). */
export function inconclusive(reason: string, details?: OutcomeDetails): ScenarioOutcome {
  return outcome('inconclusive', reason, details);
}

/** The device profile declares the feature absent. */
export function notSupported(reason: string, details?: OutcomeDetails): ScenarioOutcome {
  return outcome('not-supported', reason, details);
}

/** The requirement is not part of release 1.0 ("FFS"). */
export function notApplicable(reason: string, details?: OutcomeDetails): ScenarioOutcome {
  return outcome('not-applicable', reason, details);
}

/** The harness or the lab failed (relay did not answer, port busy): never the device's fault. */
export function errorOutcome(reason: string, details?: OutcomeDetails): ScenarioOutcome {
  return outcome('error', reason, details);
}

export function withWarning(base: ScenarioOutcome, ...warnings: VerdictWarning[]): ScenarioOutcome {
  return { ...base, warnings: [...base.warnings, ...warnings] };
}

export function withEvidence(base: ScenarioOutcome, ...evidence: Evidence[]): ScenarioOutcome {
  return { ...base, evidence: [...base.evidence, ...evidence] };
}

/**
 * pass when every expectation in `evidence` holds, otherwise fail with a reason naming the failed checks.
 * Evidence without expectations gives inconclusive: a scenario that checked nothing has not passed.
 */
export function outcomeFromEvidence(evidence: readonly Evidence[], details: { warnings?: readonly VerdictWarning[] } = {}): ScenarioOutcome {
  const all = { evidence, warnings: details.warnings ?? [] };
  if (!evidence.some((e) => e.kind === 'expectation')) return inconclusive('no check was made', all);
  const failed = failedExpectations(evidence);
  if (failed.length === 0) {
    const count = evidence.filter((e) => e.kind === 'expectation').length;
    return pass(count === 1 ? 'the one check held' : `all ${count} checks held`, all);
  }
  const names = failed.map((e, i) => e.what ?? `check ${i + 1}`);
  return fail(`${failed.length} check${failed.length === 1 ? '' : 's'} failed: ${names.join('; ')}`, all);
}

/**
 * The outcome of a scenario that ended by throwing. A HarnessError from the device side (origin 'device',
 * e.g. a TimeoutError waiting for a Register) means the scenario never reached its check: inconclusive.
 * Everything else (lab, harness, usage, or a plain Error, which is a harness bug) is error. A scenario that
 * wants fail must say so itself with fail().
 */
export function outcomeFromError(err: unknown): ScenarioOutcome {
  if (err instanceof HarnessError) {
    const evidence = [note(describeError(err))];
    return err.origin === 'device' ? inconclusive(err.message, { evidence }) : errorOutcome(err.message, { evidence });
  }
  const message = err instanceof Error ? err.message : String(err);
  return errorOutcome(`harness failure: ${message}`, { evidence: [note(err instanceof Error ? `${err.name}: ${err.message}` : message)] });
}

const SECRET_KEY = /psk|secret|password|passphrase|key/i;

/** name, origin and the JSON-safe context, with anything that looks like a secret left out. */
function describeError(err: HarnessError): string {
  const context: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(err.context)) {
    if (SECRET_KEY.test(key)) continue;
    const safe = toJson(value);
    if (safe !== undefined) context[key] = safe;
  }
  const suffix = Object.keys(context).length > 0 ? ` ${JSON.stringify(context)}` : '';
  return `${err.name} (${err.origin}): ${err.message}${suffix}`;
}

function toJson(value: unknown): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : (JSON.parse(text) as JsonValue);
  } catch {
    return undefined;
  }
}

/**
 * Combines the outcomes of a requirement's scenarios: the worst verdict, the reason of the first scenario
 * with that verdict, every warning once (by code and message), and all evidence in order.
 */
export function combineOutcomes(outcomes: readonly ScenarioOutcome[], whenEmpty: Verdict = 'inconclusive'): ScenarioOutcome {
  const verdict = worstVerdict(outcomes.map((o) => o.verdict), whenEmpty);
  const decisive = outcomes.find((o) => o.verdict === verdict);
  const seen = new Set<string>();
  const warnings: VerdictWarning[] = [];
  for (const w of outcomes.flatMap((o) => o.warnings)) {
    const key = `${w.code}\u0000${w.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    warnings.push(w);
  }
  return {
    verdict,
    reason: decisive?.reason ?? 'no scenario covers this requirement',
    warnings,
    evidence: outcomes.flatMap((o) => o.evidence),
  };
}
