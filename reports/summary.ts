import { RESULT_VERDICTS } from './results-schema.ts';
import type { RequirementResult, ResultVerdict, RunResults, ScenarioResult, Summary } from './results-schema.ts';

export function emptySummary(): Summary {
  return { pass: 0, fail: 0, inconclusive: 0, 'not-supported': 0, 'not-applicable': 0, error: 0 };
}

export function countVerdicts(items: Iterable<{ verdict: ResultVerdict }>): Summary {
  const summary = emptySummary();
  for (const item of items) summary[item.verdict] += 1;
  return summary;
}

/** The summary fields of a result recomputed from its requirements and scenarios. */
export function summaries(results: { requirements: readonly RequirementResult[]; scenarios: readonly ScenarioResult[] }): Pick<RunResults, 'summary' | 'scenarioSummary'> {
  return { summary: countVerdicts(results.requirements), scenarioSummary: countVerdicts(results.scenarios) };
}

/** "12 pass, 1 fail, 2 inconclusive" (zero counts left out; "none" when empty). */
export function formatSummary(summary: Summary): string {
  const parts = RESULT_VERDICTS.filter((v) => summary[v] > 0).map((v) => `${summary[v]} ${v}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}
