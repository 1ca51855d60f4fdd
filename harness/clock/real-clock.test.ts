import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RealClock } from './real-clock.ts';

test('RealClock fires a timer after its delay and cancel stops another', async () => {
  const clock = new RealClock();
  const start = clock.now();
  let cancelledFired = false;
  const cancelled = clock.setTimeout(() => { cancelledFired = true; }, 5);
  cancelled.cancel();
  await new Promise<void>((resolve) => clock.setTimeout(resolve, 20));
  assert.ok(clock.now() - start >= 19, 'timer fired too early');
  await clock.sleep(10);
  assert.equal(cancelledFired, false);
});
