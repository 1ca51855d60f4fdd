/**
 * Control flow out of a scenario: a scenario ends early by throwing one of these; the runner turns each into
 * its verdict. They are not errors of the harness, so they carry no stack into the report.
 */
import type { Verdict } from './verdict.ts';

export class ScenarioStop extends Error {
  override name = 'ScenarioStop';
  constructor(readonly verdict: Extract<Verdict, 'fail' | 'inconclusive' | 'not-supported' | 'error'>, reason: string) {
    super(reason);
  }
}

export function isScenarioStop(value: unknown): value is ScenarioStop {
  return value instanceof ScenarioStop;
}
