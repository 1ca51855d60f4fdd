/**
 * junit.xml for CI dashboards (GitLab, Jenkins, GitHub test reporters).
 *
 * Layout: one <testsuite> per requirement group (RD section), one <testcase> per scenario, placed in the
 * group of the first requirement it verifies. A scenario verifying requirements of two groups is still
 * counted once, so the totals match the scenario summary; its <properties> list every requirement.
 *
 * Verdict mapping (CI tools fail a build on <failure> and <error>, and treat <skipped> as not failing;
 * the gate policy, not junit.xml, decides the exit code):
 *   pass           -> plain testcase (warnings in <system-out> and a "warning" property)
 *   fail           -> <failure type="fail">: the device broke a requirement
 *   error          -> <error type="error">: the lab or the harness failed, not the device
 *   inconclusive   -> <skipped>: the check was never reached; the message says "inconclusive" so it is visible
 *   not-supported  -> <skipped>: the profile declares the feature absent
 *   not-applicable -> <skipped>: FFS in release 1.0
 */
import { compareRequirementIds, requirementGroup } from './requirement-groups.ts';
import { evidenceText } from './render/evidence-text.ts';
import { escapeXml } from './render/escape.ts';
import type { RunResults, ScenarioResult } from './results-schema.ts';

const attr = (value: string | number): string => escapeXml(String(value), { attribute: true });
const text = (value: string): string => escapeXml(value);

interface Suite {
  name: string;
  cases: ScenarioResult[];
}

export function renderJunit(results: RunResults): string {
  const suites = suitesOf(results);
  const totals = counts(results.scenarios);
  const { run } = results;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(`lwm2m-hil ${run.device.name}`)}" tests="${totals.tests}" failures="${totals.failures}" ` +
      `errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(totals.ms)}" timestamp="${attr(run.startedAt)}">`,
  ];
  suites.forEach((suite, index) => lines.push(...renderSuite(suite, index, results)));
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function suitesOf(results: RunResults): Suite[] {
  const groupOf = new Map(results.requirements.map((r) => [r.id, requirementGroup(r)]));
  const byGroup = new Map<string, ScenarioResult[]>();
  // The first requirement a scenario lists is its main one: it picks the suite and the classname.
  const ordered = [...results.scenarios].sort((a, b) => compareRequirementIds(a.verifies[0] ?? '', b.verifies[0] ?? ''));
  for (const s of ordered) {
    const first = s.verifies[0];
    const group = first === undefined ? 'No requirement' : (groupOf.get(first) ?? requirementGroup({ id: first }));
    const list = byGroup.get(group) ?? [];
    list.push(s);
    byGroup.set(group, list);
  }
  return [...byGroup].map(([name, cases]) => ({ name, cases }));
}

function renderSuite(suite: Suite, index: number, results: RunResults): string[] {
  const c = counts(suite.cases);
  const { run } = results;
  const properties: Array<[string, string]> = [
    ['device', run.device.name],
    ['device.kind', run.device.kind],
    ['device.endpoint', run.device.endpoint],
    ['seed', String(run.seed)],
    ['clock', run.clock],
    ['run.id', run.id],
    ['harness.version', run.version],
  ];
  if (run.device.firmwareVersion) properties.push(['device.firmware', run.device.firmwareVersion]);
  if (run.device.fault) properties.push(['device.fault', run.device.fault]);
  if (run.shard) properties.push(['shard', `${run.shard.index}/${run.shard.count}`]);
  return [
    `  <testsuite name="${attr(suite.name)}" id="${index}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" ` +
      `skipped="${c.skipped}" time="${seconds(c.ms)}" timestamp="${attr(run.startedAt)}">`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`),
    '    </properties>',
    ...suite.cases.flatMap(renderCase),
    '  </testsuite>',
  ];
}

function renderCase(s: ScenarioResult): string[] {
  const properties: Array<[string, string]> = [
    ...s.verifies.map((id): [string, string] => ['requirement', id]),
    ...s.ets.map((id): [string, string] => ['ets', id]),
    ['verdict', s.verdict],
    ...(s.warnings ?? []).map((w): [string, string] => ['warning', `${w.code}: ${w.message}`]),
  ];
  if (s.trace) properties.push(['trace', s.trace]);
  if (s.attempts && s.attempts > 1) properties.push(['attempts', String(s.attempts)]);
  const evidence = evidenceText(s.evidence);
  const out = [
    ...(s.warnings ?? []).map((w) => `warning ${w.code}: ${w.message}`),
    `verdict: ${s.verdict}: ${s.reason}`,
    ...evidence,
  ].join('\n');
  const lines = [
    `    <testcase classname="${attr(s.verifies[0] ?? 'lwm2m-hil')}" name="${attr(`${s.id}: ${s.title}`)}" time="${seconds(s.durationMs)}">`,
    '      <properties>',
    ...properties.map(([name, value]) => `        <property name="${attr(name)}" value="${attr(value)}"/>`),
    '      </properties>',
  ];
  const body = text(evidence.join('\n'));
  switch (s.verdict) {
    case 'fail':
      lines.push(`      <failure message="${attr(s.reason)}" type="fail">${body}</failure>`);
      break;
    case 'error':
      lines.push(`      <error message="${attr(s.reason)}" type="error">${body}</error>`);
      break;
    case 'inconclusive':
    case 'not-supported':
    case 'not-applicable':
      lines.push(`      <skipped message="${attr(`${s.verdict}: ${s.reason}`)}"/>`);
      break;
    case 'pass':
      break;
  }
  lines.push(`      <system-out>${text(out)}</system-out>`, '    </testcase>');
  return lines;
}

function counts(cases: readonly ScenarioResult[]): { tests: number; failures: number; errors: number; skipped: number; ms: number } {
  const c = { tests: cases.length, failures: 0, errors: 0, skipped: 0, ms: 0 };
  for (const s of cases) {
    c.ms += s.durationMs;
    if (s.verdict === 'fail') c.failures += 1;
    else if (s.verdict === 'error') c.errors += 1;
    else if (s.verdict !== 'pass') c.skipped += 1;
  }
  return c;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
