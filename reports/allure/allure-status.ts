/**
 * How a verdict reads in Allure (DESIGN §3.6, §3.9): a device fault is "failed", a lab or harness fault is
 * "broken", and a scenario that did not reach its check (or does not apply) is "skipped". The status message
 * always starts with the verdict, so categories.json can tell the three kinds of "skipped" apart.
 */
import { Status } from 'allure-js-commons';
import type { StatusDetails } from 'allure-js-commons';
import type { ResultVerdict, ScenarioResult } from '../results-schema.ts';
import { verdictLabel } from '../render/verdict-label.ts';

export const STATUS_BY_VERDICT: Readonly<Record<ResultVerdict, Status>> = {
  pass: Status.PASSED,
  fail: Status.FAILED,
  error: Status.BROKEN,
  inconclusive: Status.SKIPPED,
  'not-supported': Status.SKIPPED,
  'not-applicable': Status.SKIPPED,
};

/** Allure 2 also reads `flaky` from the status details; allure-js-commons' type leaves it out. */
export type AllureStatusDetails = StatusDetails & { flaky?: boolean };

export function statusDetails(scenario: ScenarioResult, trace: string | undefined): AllureStatusDetails {
  const label = verdictLabel(scenario.verdict, scenario.warnings);
  const warnings = (scenario.warnings ?? []).map((w) => `warning ${w.code}: ${w.message}`);
  const details: AllureStatusDetails = { message: [`${label}: ${scenario.reason}`, ...warnings].join('\n') };
  if (trace && scenario.verdict !== 'pass') details.trace = trace;
  // A scenario that needed a retry to pass is what QA calls flaky: Allure marks it with its own icon.
  if ((scenario.attempts ?? 1) > 1) details.flaky = true;
  return details;
}
