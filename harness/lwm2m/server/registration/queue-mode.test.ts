import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueMode, QueuedRequestDropped } from './queue-mode.ts';
import { ManualClock } from '../testing/manual-clock.ts';

test('requests to a sleeping client are held until it wakes, then sent in order', async () => {
  const clock = new ManualClock();
  const queue = new QueueMode(clock, 10_000);
  const events: string[] = [];
  queue.on('awake', (e) => events.push(`awake@${e.at - clock.now()}`));
  queue.on('sleeping', (e) => events.push(`sleeping ${e.endpoint}`));
  const sent: string[] = [];
  const a = queue.run('ep', async () => { sent.push('read'); return 1; });
  const b = queue.run('ep', async () => { sent.push('write'); return 2; });
  await clock.advance(1000);
  assert.deepEqual(sent, [], 'nothing is sent while the client sleeps');
  assert.equal(queue.heldCount('ep'), 2);
  queue.seen('ep');
  assert.deepEqual(await Promise.all([a, b]), [1, 2]);
  assert.deepEqual(sent, ['read', 'write']);
  assert.equal(queue.isAwake('ep'), true);
  await clock.advance(9_999);
  assert.equal(queue.isAwake('ep'), true);
  await clock.advance(1);
  assert.equal(queue.isAwake('ep'), false);
  assert.deepEqual(events, ['awake@0', 'sleeping ep']);
});

test('each message from the client extends the awake window', async () => {
  const clock = new ManualClock();
  const queue = new QueueMode(clock, 10_000);
  queue.seen('ep');
  await clock.advance(8_000);
  queue.seen('ep');
  await clock.advance(8_000);
  assert.equal(queue.isAwake('ep'), true);
  await clock.advance(2_000);
  assert.equal(queue.isAwake('ep'), false);
});

test('held requests fail when the client goes away', async () => {
  const clock = new ManualClock();
  const queue = new QueueMode(clock);
  const held = queue.run('ep', async () => 'never');
  queue.forget('ep', 'de-registered');
  await assert.rejects(held, QueuedRequestDropped);
});

test('a request made while awake is sent at once, one at a time', async () => {
  const clock = new ManualClock();
  const queue = new QueueMode(clock);
  queue.seen('ep');
  let inFlight = 0;
  let maxInFlight = 0;
  const task = async (): Promise<void> => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await clock.sleep(10);
    inFlight--;
  };
  const all = Promise.all([queue.run('ep', task), queue.run('ep', task), queue.run('ep', task)]);
  await clock.advance(100);
  await all;
  assert.equal(maxInFlight, 1);
});
