import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REQUIREMENT_IDS } from '../../harness/engine/requirement-ids.ts';
import { failureLines, runAllSuites } from './run-all.ts';

test('every suite against the conformant emulated client: every requirement has a verdict and none fails', async () => {
  const results = await runAllSuites([]);
  assert.deepEqual(results.requirements.map((r) => r.id).sort(), [...REQUIREMENT_IDS].sort());
  assert.equal(results.summary.fail, 0, failureLines(results).join('\n'));
  assert.equal(results.summary.error, 0, failureLines(results).join('\n'));
  const ffs = results.requirements.filter((r) => r.release === 'FFS');
  assert.ok(ffs.length === 3 && ffs.every((r) => r.verdict === 'not-applicable'));
});

test('the same seed gives identical verdicts', async () => {
  const a = await runAllSuites([], 42);
  const b = await runAllSuites([], 42);
  assert.deepEqual(
    b.scenarios.map((s) => [s.id, s.verdict, s.reason]),
    a.scenarios.map((s) => [s.id, s.verdict, s.reason]),
  );
});
