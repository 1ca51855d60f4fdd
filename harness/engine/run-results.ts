/**
 * Builds the canonical results (reports/results-schema.ts, `lwm2m-hil/results@1`) from scenario results:
 * requirement verdicts are the worst of their scenarios, computed by the same function the merge uses, so a
 * merged sharded run and an unsharded run agree.
 */
import { RESULTS_SCHEMA_ID, type RequirementResult, type RunInfo, type RunResults, type ScenarioResult } from '../../reports/results-schema.ts';
import { recomputeRequirement } from '../../reports/requirement-verdict.ts';
import { summaries } from '../../reports/summary.ts';
import { requirements as catalogueRequirements } from './catalogue.ts';

export interface RequirementScope {
  /** Only these requirement ids (from --requirement); all of the catalogue when absent. */
  only?: readonly string[];
  /** True when this run is one shard: an uncovered requirement may be covered by another shard. */
  sharded: boolean;
}

export function buildResults(run: RunInfo, scenarios: readonly ScenarioResult[], scope: RequirementScope): RunResults {
  const wanted = scope.only && scope.only.length > 0 ? new Set(scope.only) : null;
  const requirements: RequirementResult[] = catalogueRequirements()
    .filter((r) => wanted === null || wanted.has(r.id))
    .map((r) => recomputeRequirement(baseRequirement(r, scope), scenarios));
  return { schema: RESULTS_SCHEMA_ID, run, requirements, scenarios: [...scenarios], ...summaries({ requirements, scenarios }) };
}

function baseRequirement(r: ReturnType<typeof catalogueRequirements>[number], scope: RequirementScope): RequirementResult {
  const uncovered =
    r.release === 'FFS'
      ? { verdict: 'not-applicable' as const, reason: 'FFS in LwM2M release 1.0: the Requirements document defers it, so there is nothing to certify' }
      : scope.sharded
        ? { verdict: 'inconclusive' as const, reason: 'no scenario of this shard verifies it (merge the shards for its verdict)' }
        : { verdict: 'inconclusive' as const, reason: 'no scenario in this run verifies it' };
  return { id: r.id, title: r.title, release: r.release, group: r.group, interface: r.interface, scenarios: [], ...uncovered };
}
