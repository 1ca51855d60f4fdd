/**
 * Requirement groups for the reports: the RD section a requirement belongs to. The catalogue
 * (fixtures/requirements.json) gives `group`; results that lack it fall back to the id's prefix.
 */
import type { RequirementResult } from './results-schema.ts';

/** RD 6.1 and its security subsections, in the order the RD lists them. */
const GROUP_BY_PREFIX: ReadonlyArray<readonly [prefix: string, group: string]> = [
  ['HLF', 'High-Level Functional'],
  ['SEC', 'Security'],
  ['AT', 'Authentication'],
  ['AZ', 'Authorization'],
  ['DI', 'Data Integrity'],
  ['CF', 'Confidentiality'],
];

export function requirementPrefix(id: string): string {
  return /^LightweightM2M-([A-Z]+)-/.exec(id)?.[1] ?? '';
}

export function requirementGroup(requirement: Pick<RequirementResult, 'id' | 'group'>): string {
  if (requirement.group) return requirement.group;
  const prefix = requirementPrefix(requirement.id);
  return GROUP_BY_PREFIX.find(([p]) => p === prefix)?.[1] ?? 'Other';
}

/** Sorts ids like the RD: by prefix order, then by number. */
export function compareRequirementIds(a: string, b: string): number {
  const rank = (id: string): number => {
    const index = GROUP_BY_PREFIX.findIndex(([p]) => p === requirementPrefix(id));
    return index === -1 ? GROUP_BY_PREFIX.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true });
}

export interface RequirementGroup {
  name: string;
  requirements: RequirementResult[];
}

/** Groups in RD order (a group appears where its first requirement sorts), requirements sorted by id. */
export function groupRequirements(requirements: readonly RequirementResult[]): RequirementGroup[] {
  const sorted = [...requirements].sort((a, b) => compareRequirementIds(a.id, b.id));
  const groups = new Map<string, RequirementResult[]>();
  for (const requirement of sorted) {
    const name = requirementGroup(requirement);
    const list = groups.get(name) ?? [];
    list.push(requirement);
    groups.set(name, list);
  }
  return [...groups].map(([name, list]) => ({ name, requirements: list }));
}
