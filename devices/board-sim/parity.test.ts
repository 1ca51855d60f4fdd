import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResultVerdict, RunResults } from '../../reports/results-schema.ts';
import { allScenarios } from '../../suites/index.ts';
import { annotateResults, compareWithBaseline, loadExpectedDifferences, renderParityMarkdown } from './parity.ts';

function results(verdicts: Record<string, ResultVerdict>): RunResults {
  return {
    scenarios: Object.entries(verdicts).map(([id, verdict]) => ({ id, title: id, ets: [], verifies: [], verdict, reason: `${verdict} because`, durationMs: 1, evidence: [], trace: null })),
  } as unknown as RunResults;
}

test('differences are sorted into expected and unexpected; a listed one that did not occur is named', () => {
  const board = results({ a: 'pass', b: 'inconclusive', c: 'fail', d: 'pass' });
  const baseline = results({ a: 'pass', b: 'pass', c: 'pass', d: 'pass' });
  const report = compareWithBaseline(board, baseline, {
    b: { reason: 'timing', board: 'inconclusive', baseline: 'pass' },
    c: { reason: 'listed for other verdicts', board: 'inconclusive' },
    d: { reason: 'sometimes slow' },
  });
  assert.equal(report.compared, 4);
  assert.equal(report.same, 2);
  assert.deepEqual(report.expected.map((d) => [d.id, d.expected]), [['b', 'timing']]);
  assert.deepEqual(report.unexpected.map((d) => [d.id, d.board, d.baseline]), [['c', 'fail', 'pass']]);
  assert.deepEqual(report.notObserved, [{ id: 'd', reason: 'sometimes slow' }]);
  const annotated = annotateResults(board, report);
  const noteOf = (id: string) => annotated.scenarios.find((s) => s.id === id)?.evidence.find((e) => e.kind === 'note');
  assert.match(JSON.stringify(noteOf('b')), /timing/);
  assert.match(JSON.stringify(noteOf('c')), /unexplained/);
  assert.equal(noteOf('a'), undefined);
  const markdown = renderParityMarkdown(report, { board: 'B', baseline: 'E' });
  assert.match(markdown, /\| c \| fail \| pass \| not explained/);
  assert.match(markdown, /\| b \| inconclusive \| pass \| timing \|/);
  assert.match(markdown, /- d: sometimes slow/);
});

test('a scenario missing on one side is a difference', () => {
  const report = compareWithBaseline(results({ a: 'pass' }), results({ a: 'pass', b: 'pass' }), {});
  assert.deepEqual(report.unexpected.map((d) => [d.id, d.board]), [['b', null]]);
});

test('the expected-differences fixture loads, names only real scenarios, and gives every entry a reason', async () => {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const listed = await loadExpectedDifferences(join(root, 'fixtures/board-sim/expected-differences.json'));
  const ids = new Set(allScenarios().map((s) => s.id));
  for (const [id, entry] of Object.entries(listed)) {
    assert.ok(ids.has(id), `${id} is a scenario`);
    assert.ok(entry.reason.length > 10);
  }
});

test('an expected-differences file without reasons is refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-parity-'));
  try {
    const file = join(dir, 'x.json');
    await writeFile(file, JSON.stringify({ differences: { a: { board: 'fail' } } }));
    await assert.rejects(loadExpectedDifferences(file), /difference 'a' has no reason/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
