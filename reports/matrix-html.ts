/**
 * matrix.html: the requirement matrix as one self-contained page (inline CSS and script, no external URL),
 * readable from file:// or as a CI artifact. Requirements are grouped; each expands to its scenarios, each
 * scenario to its evidence and a sequence chart of its exchanges. Every string from the results is escaped:
 * reasons and evidence quote the device.
 *
 * Stable hooks for browser tests: details.requirement[data-requirement][data-verdict][data-warning],
 * details.scenario[data-scenario][data-verdict], section.group[data-group], #filter.
 */
import { renderSequenceChart } from './html/sequence-chart.ts';
import { MATRIX_SCRIPT } from './html/matrix-script.ts';
import { MATRIX_CSS } from './html/styles.ts';
import { groupRequirements } from './requirement-groups.ts';
import { formatSeconds, formatValue } from './render/evidence-text.ts';
import { escapeHtml as h } from './render/escape.ts';
import { hasWarnings, verdictLabel } from './render/verdict-label.ts';
import { RESULT_VERDICTS } from './results-schema.ts';
import type { EvidenceEntry, RequirementResult, ResultVerdict, ResultWarning, RunResults, ScenarioResult } from './results-schema.ts';
import { countVerdicts } from './summary.ts';

export function renderMatrixHtml(results: RunResults): string {
  const scenarios = new Map(results.scenarios.map((s) => [s.id, s]));
  const device = results.run.device;
  const body = [
    '<header>',
    '<h1>LwM2M 1.0 conformance matrix</h1>',
    runFacts(results),
    summary(results),
    '</header>',
    controls(),
    '<main>',
    ...groupRequirements(results.requirements).map(
      (g) =>
        `<section class="group" data-group="${h(g.name)}"><h2>${h(g.name)}</h2>` +
        g.requirements.map((r) => requirement(r, scenarios, device.name)).join('') +
        '</section>',
    ),
    '</main>',
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing on this page may load from anywhere: inline style and script only.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>LwM2M conformance: ${h(device.name)} (${h(results.run.id)})</title>`,
    `<style>${MATRIX_CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    `<script>${MATRIX_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function runFacts(results: RunResults): string {
  const { run } = results;
  const rows: Array<[string, string]> = [
    ['Device', `${h(run.device.name)} (${h(run.device.kind)}), endpoint <code>${h(run.device.endpoint)}</code>`],
  ];
  if (run.device.firmwareVersion) rows.push(['Firmware', h(run.device.firmwareVersion)]);
  if (run.device.fault) rows.push(['Fault profile', h(run.device.fault)]);
  rows.push(
    ['Run', `${h(run.id)}, harness ${h(run.version)}`],
    ['Clock and seed', `${h(run.clock)} clock, seed ${run.seed} (reproduce with <code>--seed ${run.seed}</code>)`],
  );
  if (run.shard) rows.push(['Shard', `${run.shard.index} of ${run.shard.count}`]);
  if (run.mergedFrom) rows.push(['Merged from', h(run.mergedFrom.join(', '))]);
  rows.push(['Started', h(run.startedAt)], ['Finished', run.finishedAt ? h(run.finishedAt) : 'not finished: partial results']);
  return `<dl class="run">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function summary(results: RunResults): string {
  const requirements = countVerdicts(results.requirements);
  const scenarios = countVerdicts(results.scenarios);
  const warned = results.requirements.filter((r) => r.verdict === 'pass' && hasWarnings(r)).length;
  const counts = RESULT_VERDICTS.map((v) => {
    const note = v === 'pass' && warned > 0 ? `, ${warned} with warning` : '';
    return `<span class="count" data-summary="${v}">${badge(v)} ${count(requirements[v], 'requirement')}${note} (${count(scenarios[v], 'scenario')})</span>`;
  });
  return `<div class="summary">${counts.join('')}</div>`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function controls(): string {
  // Hidden until the script shows it: without the script the buttons would do nothing.
  return (
    '<div class="controls" id="controls" hidden>' +
    '<label>Show <select id="filter"><option value="all">all requirements</option>' +
    '<option value="not-passed">requirements not passed cleanly</option>' +
    '<option value="failures">failures and errors only</option></select></label>' +
    '<button type="button" id="expand-all">Expand all</button><button type="button" id="collapse-all">Collapse all</button>' +
    '</div>'
  );
}

/** The verdict in words on an accessible colour; a warning adds a second, bordered label. */
function badge(verdict: ResultVerdict, warnings?: readonly ResultWarning[]): string {
  const warn = warnings && warnings.length > 0 ? ` <span class="warn" title="${h(verdictLabel(verdict, warnings))}">with warning</span>` : '';
  return `<span class="badge verdict-${verdict}">${verdict}</span>${warn}`;
}

/** A link only for a path inside the output directory: no scheme, not absolute, no way up. */
function localLink(path: string): string {
  const local = !/^[a-z][a-z0-9+.-]*:/i.test(path) && !path.startsWith('/') && !path.startsWith('\\') && !path.split(/[\\/]/).includes('..');
  return local ? `<a href="${h(encodeURI(path))}">${h(path)}</a>` : h(path);
}

function requirement(r: RequirementResult, scenarios: ReadonlyMap<string, ScenarioResult>, deviceName: string): string {
  const warned = hasWarnings(r) ? ' data-warning="true"' : '';
  const inner = [
    r.release === 'FFS' ? '<p>Release: FFS (not part of LwM2M 1.0).</p>' : '',
    warningList(r.warnings),
    r.scenarios.length === 0 ? '<p>No scenario verifies this requirement.</p>' : '',
    ...r.scenarios.map((id) => {
      const s = scenarios.get(id);
      return s ? scenario(s, deviceName) : `<p>Scenario <code>${h(id)}</code> is not in this result (a shard that was not merged?).</p>`;
    }),
  ];
  return (
    `<details class="requirement" data-requirement="${h(r.id)}" data-verdict="${r.verdict}"${warned}>` +
    `<summary><span class="req-id">${h(r.id)}</span> <span class="title">${h(r.title)}</span> ${badge(r.verdict, r.warnings)}` +
    (r.reason ? `<span class="reason">${h(r.reason)}</span>` : '') +
    `</summary><div class="body">${inner.join('')}</div></details>`
  );
}

function scenario(s: ScenarioResult, deviceName: string): string {
  const facts = [`Reason: ${h(s.reason)}`];
  if (s.ets.length > 0) facts.push(`ETS: ${h(s.ets.join(', '))}`);
  facts.push(`Verifies: ${h(s.verifies.join(', '))}`, `Duration: ${formatSeconds(s.durationMs)}`);
  // Relative links only: the trace and log sit beside matrix.html in the output directory.
  if (s.trace) facts.push(`Trace: ${localLink(s.trace)}`);
  if (s.consoleLog) facts.push(`Console log: ${localLink(s.consoleLog)}`);
  if (s.attempts && s.attempts > 1) facts.push(`Attempts: ${s.attempts}`);
  const warned = hasWarnings(s) ? ' data-warning="true"' : '';
  return (
    `<details class="scenario" data-scenario="${h(s.id)}" data-verdict="${s.verdict}"${warned}>` +
    `<summary><span class="mono">${h(s.id)}</span> ${h(s.title)} ${badge(s.verdict, s.warnings)}</summary>` +
    `<div class="body"><p class="facts">${facts.join('<br>')}</p>${warningList(s.warnings)}${evidence(s.evidence, deviceName)}</div></details>`
  );
}

function warningList(warnings: readonly ResultWarning[] | undefined): string {
  if (!warnings || warnings.length === 0) return '';
  const items = warnings.map((w) => `<li><span class="warn">warning</span> <code>${h(w.code)}</code>: ${h(w.message)}</li>`);
  return `<ul class="warnings">${items.join('')}</ul>`;
}

function evidence(entries: readonly EvidenceEntry[], deviceName: string): string {
  const expectations = entries.filter((e) => e.kind === 'expectation');
  const parts: string[] = [];
  if (expectations.length > 0) {
    const rows = expectations.map(
      (e) =>
        `<tr data-ok="${e.ok}"><td>${h(e.what ?? '')}</td><td class="mono">${h(formatValue(e.expected))}</td>` +
        `<td class="mono">${h(formatValue(e.observed))}</td><td class="${e.ok ? 'ok' : 'not-ok'}">${e.ok ? 'held' : 'FAILED'}</td></tr>`,
    );
    parts.push(
      '<table class="expectations"><thead><tr><th>Check</th><th>Expected</th><th>Observed</th><th>Result</th></tr></thead>' +
        `<tbody>${rows.join('')}</tbody></table>`,
    );
  }
  for (const e of entries) {
    switch (e.kind) {
      case 'expectation':
        break;
      case 'exchange': {
        const ids = e.traceIds.length > 0 ? ` <span class="facts">(trace entries ${h(e.traceIds.join(', '))})</span>` : '';
        const chart = e.messages && e.messages.length > 0 ? renderSequenceChart(e.messages, deviceName, e.summary) : '';
        parts.push(`<div class="exchange"><p>Exchange: ${h(e.summary)}${ids}</p>${chart}</div>`);
        break;
      }
      case 'console':
        parts.push(`<p>Console:</p><pre class="console">${h(e.lines.join('\n'))}</pre>`);
        break;
      case 'power':
      case 'shaping': {
        const items = e.events.map((ev) => `<li>${formatSeconds(ev.time)}: ${h(ev.event)}${ev.detail ? ` (${h(ev.detail)})` : ''}</li>`);
        parts.push(`<p>${e.kind === 'power' ? 'Power' : 'Network shaping'}:</p><ul class="${e.kind}">${items.join('')}</ul>`);
        break;
      }
      case 'note':
        parts.push(`<p class="note">Note: ${h(e.text)}</p>`);
        break;
    }
  }
  return parts.join('');
}
