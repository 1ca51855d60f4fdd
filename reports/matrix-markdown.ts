/**
 * matrix.md: the requirement matrix as Markdown, for a pull request, a wiki or a customer hand-over.
 * Header, summary, one table per requirement group, then the details of every requirement that did not
 * simply pass (or passed with a warning): its scenarios, their reasons and evidence.
 */
import { groupRequirements } from './requirement-groups.ts';
import { evidenceLines, formatExpectation } from './render/evidence-text.ts';
import { escapeMarkdownCell, escapeMarkdownInline, markdownFence } from './render/escape.ts';
import { hasWarnings, verdictLabel } from './render/verdict-label.ts';
import { RESULT_VERDICTS } from './results-schema.ts';
import type { RequirementResult, ResultWarning, RunResults, ScenarioResult } from './results-schema.ts';
import { countVerdicts } from './summary.ts';

export function renderMatrixMarkdown(results: RunResults): string {
  const scenarios = new Map(results.scenarios.map((s) => [s.id, s]));
  const parts = [
    '# LwM2M 1.0 conformance matrix',
    header(results),
    summary(results),
    ...groupRequirements(results.requirements).map((g) => groupTable(g.name, g.requirements)),
    details(results.requirements, scenarios),
  ];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

const md = escapeMarkdownInline;
const cell = escapeMarkdownCell;

function header(results: RunResults): string {
  const { run } = results;
  const device = run.device;
  const rows: Array<[string, string]> = [
    ['Device', `${cell(device.name)} (${device.kind}), endpoint \`${cell(device.endpoint).replace(/`/g, "'")}\``],
  ];
  if (device.firmwareVersion) rows.push(['Firmware', cell(device.firmwareVersion)]);
  if (device.fault) rows.push(['Fault profile', cell(device.fault)]);
  rows.push(
    ['Run', `${cell(run.id)}, harness ${cell(run.version)}`],
    ['Clock and seed', `${run.clock} clock, seed ${run.seed} (reproduce with \`--seed ${run.seed}\`)`],
  );
  if (run.shard) rows.push(['Shard', `${run.shard.index} of ${run.shard.count}`]);
  if (run.mergedFrom) rows.push(['Merged from', cell(run.mergedFrom.join(', '))]);
  rows.push(['Started', run.startedAt], ['Finished', run.finishedAt ?? 'not finished: partial results']);
  return ['| Run | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

function summary(results: RunResults): string {
  const requirements = countVerdicts(results.requirements);
  const scenarios = countVerdicts(results.scenarios);
  const warned = results.requirements.filter((r) => r.verdict === 'pass' && hasWarnings(r)).length;
  const rows = RESULT_VERDICTS.map((v) => {
    const note = v === 'pass' && warned > 0 ? ` (${warned} passed with warning)` : '';
    return `| ${v} | ${requirements[v]}${note} | ${scenarios[v]} |`;
  });
  return ['## Summary', '', '| Verdict | Requirements | Scenarios |', '|---|---|---|', ...rows].join('\n');
}

function groupTable(name: string, requirements: readonly RequirementResult[]): string {
  const rows = requirements.map((r) =>
    [r.id, cell(r.title), `**${verdictLabel(r.verdict, r.warnings)}**`, cell(r.scenarios.join(', ') || '-'), cell(r.reason || '-')].join(' | '),
  );
  return [`## ${md(name)}`, '', '| Requirement | Title | Verdict | Scenarios | Reason |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r} |`)].join('\n');
}

function details(requirements: readonly RequirementResult[], scenarios: ReadonlyMap<string, ScenarioResult>): string {
  const notable = groupRequirements(requirements)
    .flatMap((g) => g.requirements)
    .filter((r) => r.verdict !== 'pass' || hasWarnings(r));
  if (notable.length === 0) return '## Details\n\nEvery requirement passed without warnings.';
  const shown = new Set<string>();
  return ['## Details', ...notable.map((r) => requirementDetail(r, scenarios, shown))].join('\n\n');
}

/** A scenario verifying several requirements is detailed once; later requirements refer back to it. */
function requirementDetail(requirement: RequirementResult, scenarios: ReadonlyMap<string, ScenarioResult>, shown: Set<string>): string {
  const lines = [`### ${requirement.id} ${md(requirement.title)}: ${verdictLabel(requirement.verdict, requirement.warnings)}`, ''];
  if (requirement.reason) lines.push(`Reason: ${md(requirement.reason)}`, '');
  lines.push(...warningList(requirement.warnings));
  if (requirement.scenarios.length === 0) lines.push('No scenario verifies this requirement.');
  for (const id of requirement.scenarios) {
    const s = scenarios.get(id);
    if (!s) lines.push('', `#### ${md(id)}`, '', 'Not in this result (a shard that was not merged?).');
    else if (shown.has(id)) lines.push('', `#### ${md(id)}: ${verdictLabel(s.verdict, s.warnings)}, detailed above`);
    else lines.push('', scenarioDetail(s));
    shown.add(id);
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

function scenarioDetail(s: ScenarioResult): string {
  const lines = [`#### ${md(s.id)}: ${md(s.title)} (${verdictLabel(s.verdict, s.warnings)})`, ''];
  const facts = [`Reason: ${md(s.reason)}`];
  if (s.ets.length > 0) facts.push(`ETS: ${md(s.ets.join(', '))}`);
  facts.push(`Duration: ${(s.durationMs / 1000).toFixed(3)} s`);
  if (s.trace) facts.push(`Trace: \`${s.trace.replace(/`/g, "'")}\``);
  if (s.consoleLog) facts.push(`Console log: \`${s.consoleLog.replace(/`/g, "'")}\``);
  if (s.attempts && s.attempts > 1) facts.push(`Attempts: ${s.attempts}`);
  lines.push(facts.join('  \n'));
  lines.push(...warningList(s.warnings));
  const expectations = s.evidence.filter((e) => e.kind === 'expectation');
  if (expectations.length > 0) {
    lines.push('', 'Expected vs observed:', '', ...expectations.map((e) => `- ${md(formatExpectation(e))}`));
  }
  const other = s.evidence.filter((e) => e.kind !== 'expectation').flatMap(evidenceLines);
  if (other.length > 0) lines.push('', markdownFence(other));
  return lines.join('\n');
}

function warningList(warnings: readonly ResultWarning[] | undefined): string[] {
  if (!warnings || warnings.length === 0) return [];
  return ['', ...warnings.map((w) => `- Warning \`${w.code.replace(/`/g, "'")}\`: ${md(w.message)}`), ''];
}
