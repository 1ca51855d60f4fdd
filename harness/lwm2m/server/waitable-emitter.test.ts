import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../clock/virtual-clock.ts';
import { TimeoutError } from '../../errors.ts';
import { WaitableEmitter } from './waitable-emitter.ts';

interface Events {
  finished: { id: string };
  failed: { id: string };
}

test('waitForFirst resolves with whichever event comes first and leaves no timer behind', async () => {
  const clock = new VirtualClock({ installGlobally: false });
  const emitter = new WaitableEmitter<Events>(clock);
  const waiting = emitter.waitForFirst(['finished', 'failed'], (e) => e.id === 'a', 60_000);
  clock.setTimeout(() => emitter.emit('failed', { id: 'b' }), 10);
  clock.setTimeout(() => emitter.emit('failed', { id: 'a' }), 20);
  const got = await clock.runUntil(waiting);
  assert.deepEqual(got, { event: 'failed', payload: { id: 'a' } });
  assert.equal(clock.pendingTimers(), 0, 'the timeout was cancelled');
});

test('waitForFirst finds a past event with since, and times out naming every event', async () => {
  const clock = new VirtualClock({ installGlobally: false });
  const emitter = new WaitableEmitter<Events>(clock);
  emitter.emit('finished', { id: 'a' });
  assert.deepEqual(await emitter.waitForFirst(['finished', 'failed'], () => true, 1000, { since: 0 }), { event: 'finished', payload: { id: 'a' } });
  const late = emitter.waitForFirst(['finished', 'failed'], (e) => e.id === 'zzz', 1000);
  await assert.rejects(clock.runUntil(late), (e: unknown) => e instanceof TimeoutError && /'finished' or 'failed'/.test(e.message));
});
