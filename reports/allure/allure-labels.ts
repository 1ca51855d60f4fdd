/**
 * The labels that place a scenario in Allure's trees (traceability chain of DESIGN §1):
 * Behaviors: epic = LwM2M interface, feature = requirement, story = ETS test case;
 * Suites: parentSuite = device, suite = the scenario's suite folder, subSuite = the rest of its id.
 * A scenario verifying several requirements appears under each of them.
 */
import { LabelName } from 'allure-js-commons';
import type { Label } from 'allure-js-commons';
import { requirementGroup } from '../requirement-groups.ts';
import type { RequirementResult, RunInfo, ScenarioResult } from '../results-schema.ts';

/** "LightweightM2M-HLF-001" -> "HLF-001": short enough for a tag. */
export function shortRequirementId(id: string): string {
  return id.replace(/^LightweightM2M-/, '');
}

/** The feature label of a requirement, e.g. "HLF-001 Unique device identifier". */
export function featureName(requirement: Pick<RequirementResult, 'id' | 'title'>): string {
  return requirement.title && requirement.title !== requirement.id
    ? `${shortRequirementId(requirement.id)} ${requirement.title}`
    : shortRequirementId(requirement.id);
}

/** The requirement's interface; results written before the catalogue had one fall back to the RD group. */
export function epicName(requirement: Pick<RequirementResult, 'id' | 'group' | 'interface'>): string {
  return requirement.interface ?? requirementGroup(requirement);
}

/** "reporting/observe-pmin" -> suite "reporting", subSuite "observe-pmin"; an id without a slash has no subSuite. */
export function suiteNames(scenarioId: string): { suite: string; subSuite?: string } {
  const slash = scenarioId.indexOf('/');
  if (slash <= 0) return { suite: scenarioId };
  return { suite: scenarioId.slice(0, slash), subSuite: scenarioId.slice(slash + 1) };
}

export function scenarioLabels(
  scenario: ScenarioResult,
  requirements: ReadonlyMap<string, RequirementResult>,
  run: RunInfo,
): Label[] {
  const labels: Label[] = [];
  const add = (name: string, value: string): void => {
    if (!labels.some((l) => l.name === name && l.value === value)) labels.push({ name, value });
  };
  for (const id of scenario.verifies) {
    // A requirement missing from the matrix (hand-edited results) still gets a feature from its id.
    const requirement = requirements.get(id) ?? { id, title: id };
    add(LabelName.EPIC, epicName(requirement));
    add(LabelName.FEATURE, featureName(requirement));
  }
  for (const ets of scenario.ets) add(LabelName.STORY, ets);

  add(LabelName.PARENT_SUITE, run.device.name);
  const { suite, subSuite } = suiteNames(scenario.id);
  add(LabelName.SUITE, suite);
  if (subSuite) add(LabelName.SUB_SUITE, subSuite);

  for (const id of scenario.verifies) add(LabelName.TAG, shortRequirementId(id));
  if ((scenario.warnings?.length ?? 0) > 0) add(LabelName.TAG, 'warning');
  if (run.device.fault) add(LabelName.TAG, `fault:${run.device.fault}`);
  add(LabelName.TAG, `${run.clock}-clock`);

  // The timeline draws one lane per host and thread: the device, and the shard that ran the scenario.
  add(LabelName.HOST, run.device.name);
  add(LabelName.THREAD, run.shard ? `shard ${run.shard.index}/${run.shard.count}` : 'run');
  add(LabelName.FRAMEWORK, 'lwm2m-hil');
  add(LabelName.LANGUAGE, 'typescript');
  return labels;
}
