import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeResults } from '../../reports/merge.ts';
import { runAllSuites } from './run-all.ts';

test('report merge of --shard 1/3, 2/3, 3/3 gives the same verdicts as the unsharded run', async () => {
  const whole = await runAllSuites([], 5);
  const shards = [];
  for (const index of [1, 2, 3]) shards.push(await runAllSuites([], 5, { shard: { index, count: 3 } }));
  assert.equal(shards.reduce((n, s) => n + s.scenarios.length, 0), whole.scenarios.length);
  const merged = mergeResults(shards);
  const byId = (r: typeof whole) => Object.fromEntries(r.requirements.map((x) => [x.id, x.verdict]));
  assert.deepEqual(byId(merged), byId(whole));
  const scenarioVerdicts = (r: typeof whole) => Object.fromEntries(r.scenarios.map((s) => [s.id, s.verdict]));
  assert.deepEqual(scenarioVerdicts(merged), scenarioVerdicts(whole));
});
