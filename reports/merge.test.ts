import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResultsMergeError } from './errors.ts';
import { mergeResults } from './merge.ts';
import { RunResultsSchema } from './results-schema.ts';
import type { RunResults } from './results-schema.ts';
import { resultsFrom, sampleResults, sampleScenarios, scenario } from './testing/sample-results.ts';

/** The sample run cut into shards the way `--shard K/N` would: every N-th scenario. */
function shards(count: number): RunResults[] {
  const all = sampleScenarios();
  return Array.from({ length: count }, (_, k) =>
    resultsFrom(
      all.filter((_, i) => i % count === k),
      { run: { shard: { index: k + 1, count }, startedAt: `2024-05-01T10:00:0${k}.000Z`, finishedAt: `2024-05-01T10:01:0${k}.000Z` } },
    ),
  );
}

test('merging the shards of a run gives the unsharded result', () => {
  const whole = sampleResults();
  const parts = shards(3);
  const merged = mergeResults([parts[2]!, parts[0]!, parts[1]!]);
  assert.equal(RunResultsSchema.safeParse(merged).success, true);
  const verdicts = (r: RunResults): Record<string, string> => Object.fromEntries(r.requirements.map((q) => [q.id, q.verdict]));
  assert.deepEqual(verdicts(merged), verdicts(whole));
  assert.deepEqual(merged.summary, whole.summary);
  assert.deepEqual(merged.scenarioSummary, whole.scenarioSummary);
  assert.deepEqual(new Set(merged.scenarios.map((s) => s.id)), new Set(whole.scenarios.map((s) => s.id)));
  assert.equal(merged.run.shard, null);
  assert.equal(merged.run.startedAt, '2024-05-01T10:00:00.000Z');
  assert.equal(merged.run.finishedAt, '2024-05-01T10:01:02.000Z');
  assert.deepEqual(merged.run.mergedFrom, [1, 2, 3].map((k) => `${whole.run.id} (shard ${k}/3)`));
});

test('a requirement verified in two shards gets the worst verdict and both warnings', () => {
  const parts = shards(2);
  // HLF-022: observe-pmax (pass with a warning) in shard 1, observe-pmin (fail) in shard 2.
  const inShard = parts.map((p) => p.requirements.find((r) => r.id === 'LightweightM2M-HLF-022')?.verdict);
  assert.deepEqual(inShard, ['pass', 'fail']);
  const merged = mergeResults(parts);
  const hlf022 = merged.requirements.find((r) => r.id === 'LightweightM2M-HLF-022');
  assert.equal(hlf022?.verdict, 'fail');
  assert.deepEqual(new Set(hlf022?.scenarios), new Set(['reporting/observe-pmin', 'reporting/observe-pmax']));
  assert.equal(hlf022?.warnings?.[0]?.code, 'server-default-pmin-ignored');
  assert.match(hlf022?.reason ?? '', /^reporting\/observe-pmin: /);
});

test('a requirement no shard covers keeps its verdict', () => {
  const ffs = { id: 'LightweightM2M-HLF-029', title: 'FFS', release: 'FFS' as const, verdict: 'not-applicable' as const, scenarios: [], reason: 'FFS in release 1.0' };
  const parts = shards(2).map((p) => ({ ...p, requirements: [...p.requirements, ffs] }));
  const merged = mergeResults(parts);
  assert.deepEqual(merged.requirements.find((r) => r.id === ffs.id), ffs);
});

test('shards of different runs are refused with the field that differs', () => {
  const [a, b] = shards(2);
  assert.throws(() => mergeResults([a!, { ...b!, run: { ...b!.run, seed: 43 } }]), (err: unknown) => {
    assert.ok(err instanceof ResultsMergeError);
    assert.equal(err.context.field, 'seed');
    return true;
  });
  const otherDevice = { ...b!, run: { ...b!.run, device: { ...b!.run.device, endpoint: 'urn:dev:other' } } };
  assert.throws(() => mergeResults([a!, otherDevice]), /differ .* in device/);
  const otherCount = { ...b!, run: { ...b!.run, shard: { index: 2, count: 3 } } };
  assert.throws(() => mergeResults([a!, otherCount]), ResultsMergeError);
  assert.throws(() => mergeResults([]), ResultsMergeError);
});

test('an overlap is accepted with the same verdict and refused with a different one', () => {
  const s = (verdict: 'pass' | 'fail') => scenario({ id: 'dup', verifies: ['LightweightM2M-HLF-001'], verdict });
  const a = resultsFrom([s('pass')], { run: { id: 'run-a' } });
  assert.equal(mergeResults([a, resultsFrom([s('pass')], { run: { id: 'run-a' } })]).scenarios.length, 1);
  assert.throws(() => mergeResults([a, resultsFrom([s('fail')], { run: { id: 'run-b' } })]), (err: unknown) => {
    assert.ok(err instanceof ResultsMergeError);
    assert.match(err.message, /scenario dup is pass in run run-a and fail in run run-b/);
    return true;
  });
});

test('an unfinished shard leaves the merged run unfinished', () => {
  const [a, b] = shards(2);
  const merged = mergeResults([a!, { ...b!, run: { ...b!.run, finishedAt: null } }]);
  assert.equal(merged.run.finishedAt, null);
});
