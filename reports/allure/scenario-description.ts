/**
 * The words around a scenario's Allure result: its description (plain and HTML) and the evidence as one
 * text file, so a reader without the HTML matrix still sees the whole chain requirement -> ETS -> evidence.
 */
import { escapeHtml } from '../render/escape.ts';
import { evidenceText } from '../render/evidence-text.ts';
import { verdictLabel } from '../render/verdict-label.ts';
import type { RequirementResult, ScenarioResult } from '../results-schema.ts';
import { featureName } from './allure-labels.ts';

/** Facts as [label, text] lines; `notes` are problems found while writing (a missing trace file). */
export function scenarioFacts(
  scenario: ScenarioResult,
  requirements: ReadonlyMap<string, RequirementResult>,
  notes: readonly string[],
): Array<[string, string]> {
  const facts: Array<[string, string]> = [
    ['Scenario', `${scenario.id}: ${scenario.title}`],
    ['Verdict', verdictLabel(scenario.verdict, scenario.warnings)],
    ['Reason', scenario.reason],
  ];
  for (const id of scenario.verifies) {
    const r = requirements.get(id);
    facts.push(['Verifies', r ? `${featureName(r)} (requirement verdict: ${verdictLabel(r.verdict, r.warnings)})` : id]);
  }
  if (scenario.ets.length > 0) facts.push(['ETS', scenario.ets.join(', ')]);
  for (const w of scenario.warnings ?? []) facts.push(['Warning', `${w.code}: ${w.message}`]);
  if (scenario.trace) facts.push(['Trace', scenario.trace]);
  if (scenario.consoleLog) facts.push(['Console log', scenario.consoleLog]);
  if ((scenario.attempts ?? 1) > 1) facts.push(['Attempts', String(scenario.attempts)]);
  for (const note of notes) facts.push(['Note', note]);
  return facts;
}

export function descriptionText(facts: ReadonlyArray<[string, string]>): string {
  return facts.map(([k, v]) => `${k}: ${v}`).join('\n');
}

export function descriptionHtml(facts: ReadonlyArray<[string, string]>): string {
  const rows = facts.map(([k, v]) => `<tr><th style="text-align:left;padding-right:12px">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`);
  return `<table>${rows.join('')}</table>`;
}

/** The attachment "evidence.txt": the facts, then every piece of evidence, failed expectations first. */
export function evidenceAttachmentText(facts: ReadonlyArray<[string, string]>, scenario: ScenarioResult): string {
  const evidence = evidenceText(scenario.evidence);
  return [descriptionText(facts), '', 'Evidence:', ...(evidence.length > 0 ? evidence : ['(none recorded)']), ''].join('\n');
}
