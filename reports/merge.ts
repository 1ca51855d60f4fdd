/**
 * Merges the results of the shards of one run (`--shard K/N` jobs in CI) into one result: the union of
 * their scenarios, requirements recomputed as the worst of their scenarios, summaries recounted.
 * Shards must describe the same run (seed, clock, device); a scenario that two shards both ran must have
 * the same verdict in both, or the merge refuses: silently picking one would hide a flaky result.
 */
import { isDeepStrictEqual } from 'node:util';
import { worstVerdict } from '../harness/engine/verdict.ts';
import { ResultsMergeError } from './errors.ts';
import { compareRequirementIds } from './requirement-groups.ts';
import { recomputeRequirement } from './requirement-verdict.ts';
import { RESULTS_SCHEMA_ID } from './results-schema.ts';
import type { DeviceInfo, RequirementResult, RunInfo, RunResults, ScenarioResult } from './results-schema.ts';
import { summaries } from './summary.ts';

export function mergeResults(parts: readonly RunResults[]): RunResults {
  const first = parts[0];
  if (first === undefined) throw new ResultsMergeError('nothing to merge: no results given');
  // Shard order, so the merged scenario list reads like one unsharded run.
  const ordered = [...parts].sort((a, b) => (a.run.shard?.index ?? 0) - (b.run.shard?.index ?? 0));
  checkSameRun(ordered);
  const scenarios = mergeScenarios(ordered);
  const requirements = mergeRequirements(ordered, scenarios);
  return {
    schema: RESULTS_SCHEMA_ID,
    run: mergeRunInfo(ordered),
    requirements,
    scenarios,
    ...summaries({ requirements, scenarios }),
  };
}

function identity(run: RunInfo): Record<string, unknown> {
  const d: DeviceInfo = run.device;
  return { seed: run.seed, clock: run.clock, device: { name: d.name, kind: d.kind, endpoint: d.endpoint, firmwareVersion: d.firmwareVersion, fault: d.fault } };
}

function checkSameRun(parts: readonly RunResults[]): void {
  const reference = parts[0]!;
  const expected = identity(reference.run);
  for (const part of parts.slice(1)) {
    const actual = identity(part.run);
    for (const key of Object.keys(expected)) {
      if (!isDeepStrictEqual(expected[key], actual[key])) {
        throw new ResultsMergeError(
          `results of run ${part.run.id} differ from run ${reference.run.id} in ${key}: ` +
            `${JSON.stringify(actual[key])} vs ${JSON.stringify(expected[key])}; only shards of one run can be merged`,
          { field: key, runs: [reference.run.id, part.run.id] },
        );
      }
    }
    const counts = [reference.run.shard?.count, part.run.shard?.count];
    if (counts[0] !== undefined && counts[1] !== undefined && counts[0] !== counts[1]) {
      throw new ResultsMergeError(`run ${part.run.id} is a shard of ${counts[1]}, run ${reference.run.id} of ${counts[0]}`, {
        field: 'shard',
        runs: [reference.run.id, part.run.id],
      });
    }
  }
}

function mergeScenarios(parts: readonly RunResults[]): ScenarioResult[] {
  const byId = new Map<string, { scenario: ScenarioResult; runId: string }>();
  for (const part of parts) {
    for (const scenario of part.scenarios) {
      const seen = byId.get(scenario.id);
      if (seen === undefined) {
        byId.set(scenario.id, { scenario, runId: part.run.id });
      } else if (seen.scenario.verdict !== scenario.verdict) {
        throw new ResultsMergeError(
          `scenario ${scenario.id} is ${seen.scenario.verdict} in run ${seen.runId} and ${scenario.verdict} in run ${part.run.id}`,
          { scenario: scenario.id, verdicts: [seen.scenario.verdict, scenario.verdict], runs: [seen.runId, part.run.id] },
        );
      }
    }
  }
  return [...byId.values()].map((v) => v.scenario);
}

function mergeRequirements(parts: readonly RunResults[], scenarios: readonly ScenarioResult[]): RequirementResult[] {
  const byId = new Map<string, RequirementResult[]>();
  for (const requirement of parts.flatMap((p) => p.requirements)) {
    byId.set(requirement.id, [...(byId.get(requirement.id) ?? []), requirement]);
  }
  return [...byId.values()]
    .map((versions) => {
      const merged = recomputeRequirement(versions[0]!, scenarios);
      if (merged.scenarios.length > 0) return merged;
      // No shard ran a scenario for it (e.g. FFS, not-applicable by catalogue): the worst shard verdict stands.
      const verdict = worstVerdict(versions.map((v) => v.verdict));
      return { ...merged, verdict, reason: versions.find((v) => v.verdict === verdict)?.reason ?? merged.reason };
    })
    .sort((a, b) => compareRequirementIds(a.id, b.id));
}

function mergeRunInfo(parts: readonly RunResults[]): RunInfo {
  const runs = parts.map((p) => p.run);
  const reference = runs[0]!;
  const ids = [...new Set(runs.map((r) => r.id))];
  const finished = runs.map((r) => r.finishedAt);
  const run: RunInfo = {
    ...reference,
    id: ids.length === 1 ? ids[0]! : ids.join('+'),
    startedAt: earliest(runs.map((r) => r.startedAt)),
    // A shard that never finished leaves the merged run unfinished too.
    finishedAt: finished.some((f) => f === null) ? null : latest(finished as string[]),
    shard: null,
    mergedFrom: runs.flatMap((r) => r.mergedFrom ?? [r.shard ? `${r.id} (shard ${r.shard.index}/${r.shard.count})` : r.id]),
  };
  return run;
}

function earliest(times: readonly string[]): string {
  return times.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}

function latest(times: readonly string[]): string {
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}
