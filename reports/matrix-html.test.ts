import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';
import { renderSequenceChart, MAX_CHART_MESSAGES } from './html/sequence-chart.ts';
import { renderMatrixHtml } from './matrix-html.ts';
import { HOSTILE_TEXT, resultsFrom, sampleResults, scenario } from './testing/sample-results.ts';

test('self-contained: no URL, no external resource', () => {
  const html = renderMatrixHtml(sampleResults());
  assert.doesNotMatch(html, /https?:\/\//);
  assert.doesNotMatch(html, /<link\b|<script\s+src|<img\b|@import|url\(/i);
  assert.match(html, /<style>[\s\S]+<\/style>/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
});

test('every requirement is a details element with stable data attributes', () => {
  const results = sampleResults();
  const html = renderMatrixHtml(results);
  for (const r of results.requirements) {
    const tag = new RegExp(`<details class="requirement" data-requirement="${r.id}" data-verdict="${r.verdict}"`);
    assert.match(html, tag, r.id);
  }
  assert.match(html, /data-requirement="LightweightM2M-HLF-019" data-verdict="pass" data-warning="true"/);
  assert.match(html, /<details class="scenario" data-scenario="reporting\/observe-pmin" data-verdict="fail">/);
  assert.deepEqual(
    [...html.matchAll(/<section class="group" data-group="([^"]+)"/g)].map((m) => m[1]),
    ['High-Level Functional', 'Security', 'Confidentiality'],
  );
});

test('verdicts are written in words, not only as colour', () => {
  const html = renderMatrixHtml(sampleResults());
  for (const verdict of ['pass', 'fail', 'inconclusive', 'not-supported', 'not-applicable', 'error']) {
    assert.match(html, new RegExp(`<span class="badge verdict-${verdict}">${verdict}</span>`));
  }
  assert.match(html, /<span class="warn"[^>]*>with warning<\/span>/);
});

test('text from the device is escaped everywhere', () => {
  const html = renderMatrixHtml(sampleResults());
  assert.ok(!html.includes(HOSTILE_TEXT));
  assert.doesNotMatch(html, /<script>alert/);
  assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; \| `fence` \\x07/);
  // Apart from the page's own script, exactly one <script> element exists.
  assert.equal(html.match(/<script>/g)?.length, 1);
});

test('exchanges with messages are drawn as a sequence chart with both lifelines and a timed arrow each', () => {
  const html = renderMatrixHtml(sampleResults());
  const observe = html.slice(html.indexOf('data-scenario="reporting/observe-pmin"'));
  const svg = observe.slice(observe.indexOf('<svg'), observe.indexOf('</svg>') + 6);
  assert.match(svg, /Server \(harness\)/);
  assert.match(svg, /emulated-conformant/);
  assert.equal(svg.match(/<g class="msc-msg msc-to-device">/g)?.length, 2);
  assert.equal(svg.match(/<g class="msc-msg msc-from-device">/g)?.length, 3);
  assert.match(svg, /<text[^>]*class="msc-time">\+0\.430 s<\/text>/);
  assert.match(svg, /CON PUT \/3303\/0\/5700\?pmin=10 mid=7/);
  // The chart is well-formed XML on its own (entities aside, which SVG-in-HTML and XML share).
  assert.equal(XMLValidator.validate(svg), true);
});

test('a long exchange is cut at the bound and says how many messages are left out', () => {
  const messages = Array.from({ length: MAX_CHART_MESSAGES + 5 }, (_, i) => ({
    t: i * 10,
    dir: i % 2 === 0 ? ('to-device' as const) : ('from-device' as const),
    summary: `CON GET /3/0 mid=${i}`,
  }));
  const chart = renderSequenceChart(messages, 'dev', 'many');
  assert.equal(chart.match(/<g class="msc-msg /g)?.length, MAX_CHART_MESSAGES);
  assert.match(chart, /5 more messages not drawn/);
});

test('trace links are relative; anything else is shown as text', () => {
  const results = resultsFrom([
    scenario({ id: 'a', verifies: ['LightweightM2M-HLF-001'], verdict: 'pass', trace: 'traces/a.pcapng' }),
    scenario({ id: 'b', verifies: ['LightweightM2M-HLF-002'], verdict: 'pass', trace: 'javascript:alert(1)' }),
  ]);
  const html = renderMatrixHtml(results);
  assert.match(html, /<a href="traces\/a\.pcapng">traces\/a\.pcapng<\/a>/);
  assert.doesNotMatch(html, /href="javascript/);
});
