/**
 * A requirement's verdict from its scenarios (DESIGN §3.6): the worst of them, ranked by the engine's
 * worstVerdict, with the reason of the scenario that decided it and every warning once.
 */
import { worstVerdict } from '../harness/engine/verdict.ts';
import type { RequirementResult, ResultWarning, ScenarioResult } from './results-schema.ts';

export function scenariosVerifying(requirementId: string, scenarios: readonly ScenarioResult[]): ScenarioResult[] {
  return scenarios.filter((s) => s.verifies.includes(requirementId));
}

/**
 * The requirement recomputed from the scenarios that verify it. A requirement no scenario verifies keeps
 * its own verdict and reason (an FFS requirement is not-applicable without running anything).
 */
export function recomputeRequirement(requirement: RequirementResult, scenarios: readonly ScenarioResult[]): RequirementResult {
  const covering = scenariosVerifying(requirement.id, scenarios);
  if (covering.length === 0) return { ...requirement, scenarios: [] };
  const verdict = worstVerdict(covering.map((s) => s.verdict));
  const decisive = covering.find((s) => s.verdict === verdict);
  const warnings = uniqueWarnings(covering.flatMap((s) => s.warnings ?? []));
  const result: RequirementResult = {
    ...requirement,
    verdict,
    scenarios: covering.map((s) => s.id),
    reason: decisive ? `${decisive.id}: ${decisive.reason}` : requirement.reason,
  };
  if (warnings.length > 0) result.warnings = warnings;
  else delete result.warnings;
  return result;
}

export function uniqueWarnings(warnings: readonly ResultWarning[]): ResultWarning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}\u0000${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
