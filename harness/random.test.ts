import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from './random.ts';

test('Random is deterministic per seed and differs across seeds', () => {
  const a = new Random(42);
  const b = new Random(42);
  const c = new Random(43);
  const seqA = Array.from({ length: 8 }, () => a.nextUint32());
  const seqB = Array.from({ length: 8 }, () => b.nextUint32());
  const seqC = Array.from({ length: 8 }, () => c.nextUint32());
  assert.deepEqual(seqA, seqB);
  assert.notDeepEqual(seqA, seqC);
});

test('Random.next is roughly uniform over 10,000 draws', () => {
  const r = new Random(7);
  const buckets = new Array(10).fill(0);
  for (let i = 0; i < 10_000; i++) buckets[Math.floor(r.next() * 10)]++;
  for (const count of buckets) assert.ok(count > 850 && count < 1150, `bucket count ${count} far from 1000`);
  for (let i = 0; i < 1000; i++) {
    const v = r.int(3, 5);
    assert.ok(v >= 3 && v <= 5);
  }
});
