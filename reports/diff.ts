/**
 * What changed between two runs (a baseline and a new run), per requirement and per scenario: new
 * failures, fixes, other verdict changes, items added and removed. `renderDiffText` is the CLI's
 * `report diff` output; `hasNewFailures` is what a baseline gate checks.
 */
import { compareRequirementIds } from './requirement-groups.ts';
import type { ResultVerdict, RunResults } from './results-schema.ts';

/** Verdicts that mean "this is broken": the device failed, or the run could not judge it because of an error. */
const BROKEN: ReadonlySet<ResultVerdict> = new Set(['fail', 'error']);

export interface VerdictChange {
  id: string;
  title: string;
  /** null when the item is new in the second result. */
  old: ResultVerdict | null;
  /** null when the item is gone from the second result. */
  new: ResultVerdict | null;
}

export interface ItemDiff {
  /** Now fail or error, and was not (including new items that fail). */
  newFailures: VerdictChange[];
  /** Was fail or error, now pass. */
  fixed: VerdictChange[];
  /** Every item present in both whose verdict changed (new failures and fixes included). */
  changed: VerdictChange[];
  added: VerdictChange[];
  removed: VerdictChange[];
  /** Passes in both, but the new one carries a warning the old did not. */
  newWarnings: VerdictChange[];
}

export interface ResultsDiff {
  old: { id: string; seed: number; device: string };
  new: { id: string; seed: number; device: string };
  requirements: ItemDiff;
  scenarios: ItemDiff;
}

interface Item {
  id: string;
  title: string;
  verdict: ResultVerdict;
  warnings?: ReadonlyArray<{ code: string }> | undefined;
}

export function diffResults(oldResults: RunResults, newResults: RunResults): ResultsDiff {
  return {
    old: runLabel(oldResults),
    new: runLabel(newResults),
    requirements: diffItems(oldResults.requirements, newResults.requirements, compareRequirementIds),
    scenarios: diffItems(oldResults.scenarios, newResults.scenarios, (a, b) => a.localeCompare(b)),
  };
}

/** True when the new run broke something the old one did not (what a `--baseline` gate fails on). */
export function hasNewFailures(diff: ResultsDiff): boolean {
  return diff.requirements.newFailures.length > 0 || diff.scenarios.newFailures.length > 0;
}

function runLabel(results: RunResults): ResultsDiff['old'] {
  return { id: results.run.id, seed: results.run.seed, device: results.run.device.name };
}

function diffItems(oldItems: readonly Item[], newItems: readonly Item[], compare: (a: string, b: string) => number): ItemDiff {
  const before = new Map(oldItems.map((i) => [i.id, i]));
  const after = new Map(newItems.map((i) => [i.id, i]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(compare);
  const diff: ItemDiff = { newFailures: [], fixed: [], changed: [], added: [], removed: [], newWarnings: [] };
  for (const id of ids) {
    const o = before.get(id);
    const n = after.get(id);
    const change: VerdictChange = { id, title: (n ?? o)?.title ?? id, old: o?.verdict ?? null, new: n?.verdict ?? null };
    if (o === undefined && n !== undefined) {
      diff.added.push(change);
      if (BROKEN.has(n.verdict)) diff.newFailures.push(change);
    } else if (n === undefined) {
      diff.removed.push(change);
    } else if (o !== undefined && o.verdict !== n.verdict) {
      diff.changed.push(change);
      if (BROKEN.has(n.verdict) && !BROKEN.has(o.verdict)) diff.newFailures.push(change);
      if (BROKEN.has(o.verdict) && n.verdict === 'pass') diff.fixed.push(change);
    } else if (n.verdict === 'pass' && warningCodes(n).some((c) => !warningCodes(o).includes(c))) {
      diff.newWarnings.push(change);
    }
  }
  return diff;
}

function warningCodes(item: Item | undefined): string[] {
  return (item?.warnings ?? []).map((w) => w.code);
}

/** The diff as plain text for a terminal or a CI log; "no changes" when nothing differs. */
export function renderDiffText(diff: ResultsDiff): string {
  const lines = [
    `old: ${diff.old.id} (${diff.old.device}, seed ${diff.old.seed})`,
    `new: ${diff.new.id} (${diff.new.device}, seed ${diff.new.seed})`,
  ];
  const sections = [...itemSections('Requirements', diff.requirements), ...itemSections('Scenarios', diff.scenarios)];
  if (sections.length === 0) lines.push('', 'No verdict changed.');
  else lines.push(...sections);
  return `${lines.join('\n')}\n`;
}

function itemSections(label: string, diff: ItemDiff): string[] {
  const reported = new Set([...diff.newFailures, ...diff.fixed].map((c) => c.id));
  const otherChanges = diff.changed.filter((c) => !reported.has(c.id));
  const blocks: Array<[string, VerdictChange[]]> = [
    ['new failures', diff.newFailures],
    ['fixed', diff.fixed],
    ['other verdict changes', otherChanges],
    ['added', diff.added.filter((c) => !reported.has(c.id))],
    ['removed', diff.removed],
    ['new warnings', diff.newWarnings],
  ];
  const out: string[] = [];
  for (const [name, changes] of blocks) {
    if (changes.length === 0) continue;
    out.push('', `${label}: ${name} (${changes.length})`);
    for (const c of changes) out.push(`  ${oneLine(c.id)}  ${c.old ?? '(absent)'} -> ${c.new ?? '(absent)'}  ${oneLine(c.title)}`);
  }
  return out;
}

/** Titles come from results files: keep each change on one line and free of terminal control codes. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}
