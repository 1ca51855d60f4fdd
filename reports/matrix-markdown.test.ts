import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMatrixMarkdown } from './matrix-markdown.ts';
import { resultsFrom, sampleResults, scenario } from './testing/sample-results.ts';

test('header names the device, seed, clock and time', () => {
  const text = renderMatrixMarkdown(sampleResults());
  assert.match(text, /\| Device \| emulated-conformant \(emulated\), endpoint `urn:dev:emu-001` \|/);
  assert.match(text, /virtual clock, seed 42 \(reproduce with `--seed 42`\)/);
  assert.match(text, /\| Started \| 2024-05-01T10:00:00.000Z \|/);
  assert.match(text, /\| fail \| 2 \| 1 \|/);
});

test('one table per requirement group, in RD order, with a row per requirement', () => {
  const text = renderMatrixMarkdown(sampleResults());
  const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings, ['Summary', 'High-Level Functional', 'Security', 'Confidentiality', 'Details']);
  assert.match(text, /^\| LightweightM2M-HLF-020 \| Event-triggered reporting \| \*\*fail\*\* \| reporting\/observe-pmin \| /m);
  assert.match(text, /^\| LightweightM2M-HLF-019 \| Periodic reporting \| \*\*passed with warning\*\* \|/m);
});

test('details cover every non-pass requirement with expected vs observed, and skip clean passes', () => {
  const text = renderMatrixMarkdown(sampleResults());
  const details = text.slice(text.indexOf('## Details'));
  for (const id of ['HLF-004', 'HLF-015', 'HLF-018', 'HLF-019', 'HLF-020', 'HLF-022', 'SEC-001', 'CF-001']) {
    assert.match(details, new RegExp(`### LightweightM2M-${id} `), id);
  }
  assert.doesNotMatch(details, /### LightweightM2M-HLF-001 /);
  assert.match(details, /- FAILED gap between notifications \(s\): expected &gt;= 10, observed 0\.4/);
  assert.match(details, /Warning `server-default-pmin-ignored`/);
  assert.match(details, /#### reporting\/observe-pmin: fail, detailed above/);
});

test('device text cannot break a table or inject HTML', () => {
  const hostile = '<img src=x onerror=alert(1)> | col';
  const results = resultsFrom([
    scenario({ id: 's1', verifies: ['LightweightM2M-HLF-001'], verdict: 'fail', reason: hostile }),
  ]);
  const text = renderMatrixMarkdown(results);
  assert.doesNotMatch(text, /<img/);
  const row = text.split('\n').find((l) => l.startsWith('| LightweightM2M-HLF-001 '));
  assert.ok(row);
  // 6 unescaped pipes: the table keeps five columns.
  assert.equal(row.replace(/\\\|/g, '').split('|').length - 1, 6);
});

test('a run without problems says so, and a partial run is marked', () => {
  const results = resultsFrom([scenario({ id: 's1', verifies: ['LightweightM2M-HLF-001'], verdict: 'pass' })], { run: { finishedAt: null } });
  const text = renderMatrixMarkdown(results);
  assert.match(text, /Every requirement passed without warnings\./);
  assert.match(text, /\| Finished \| not finished: partial results \|/);
});
