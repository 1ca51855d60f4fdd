import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allScenarios } from '../../suites/index.ts';
import { DEFAULT_ESTIMATE_MS, estimateMs, partitionLongestFirst } from './scenario-durations.ts';

test('longest-first partition: the longest items go to different bins, loads stay balanced', () => {
  const items = [100, 90, 10, 10, 10, 10, 50, 40];
  const bins = partitionLongestFirst(items, 3, (n) => n);
  assert.deepEqual(bins, [[100, 10], [90, 10, 10], [50, 40, 10]]);
  assert.equal(bins.flat().length, items.length);
});

test('more bins than items leaves bins empty; zero bins counts as one', () => {
  assert.deepEqual(partitionLongestFirst([1, 2], 4, (n) => n), [[2], [1], [], []]);
  assert.deepEqual(partitionLongestFirst([1, 2], 0, (n) => n), [[2, 1]]);
});

test('estimates: the lifetime-bound scenario follows the lifetime, every listed id is a scenario', () => {
  const scenarios = allScenarios();
  const keptAlive = scenarios.find((s) => s.id === 'hlf-030-registration-kept-alive');
  assert.ok(keptAlive);
  assert.ok(estimateMs(keptAlive, 120) > 120_000 && estimateMs(keptAlive, 30) < estimateMs(keptAlive, 120));
  const unknown = { ...keptAlive, id: 'not-measured' };
  assert.equal(estimateMs(unknown, 120), DEFAULT_ESTIMATE_MS);
  const longest = [...scenarios].sort((a, b) => estimateMs(b, 120) - estimateMs(a, 120))[0];
  assert.equal(longest?.id, 'hlf-031-queue-wake-update');
});
