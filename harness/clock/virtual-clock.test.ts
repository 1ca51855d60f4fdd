import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock, VIRTUAL_EPOCH } from './virtual-clock.ts';
import { BusyStuckError, ClockMisuseError, TimerCallbackError, VirtualDeadlockError, VirtualTimeLimitError } from './errors.ts';

const standalone = (): VirtualClock => new VirtualClock({ installGlobally: false });

test('timers fire at their exact virtual times, in order', async () => {
  const clock = standalone();
  const fired: Array<[string, number]> = [];
  clock.setTimeout(() => fired.push(['b', clock.now() - VIRTUAL_EPOCH]), 250);
  clock.setTimeout(() => fired.push(['a', clock.now() - VIRTUAL_EPOCH]), 100);
  const cancelled = clock.setTimeout(() => fired.push(['never', clock.now()]), 150);
  cancelled.cancel();
  await clock.runUntil(clock.sleep(1000));
  assert.deepEqual(fired, [['a', 100], ['b', 250]]);
  assert.equal(clock.now(), VIRTUAL_EPOCH + 1000);
});

test('setInterval repeats at exact multiples until cancelled', async () => {
  const clock = standalone();
  const ticks: number[] = [];
  const handle = clock.setInterval(() => {
    ticks.push(clock.now() - VIRTUAL_EPOCH);
    if (ticks.length === 4) handle.cancel();
  }, 30);
  await clock.advance(1000);
  assert.deepEqual(ticks, [30, 60, 90, 120]);
  assert.equal(clock.now(), VIRTUAL_EPOCH + 1000);
  assert.equal(clock.pendingTimers(), 0);
});

test('a 24 h wait completes and the clock reads exactly 24 h later', async () => {
  const clock = standalone();
  const day = 24 * 3600 * 1000;
  let heartbeats = 0;
  const heartbeat = clock.setInterval(() => { heartbeats++; }, 60_000);
  const result = await clock.runUntil(clock.sleep(day).then(() => 'done'));
  heartbeat.cancel();
  assert.equal(result, 'done');
  assert.equal(clock.now() - VIRTUAL_EPOCH, day);
  // The sleep was scheduled before the interval's last reschedule, so at 24 h it fires first and ends the run.
  assert.equal(heartbeats, 24 * 60 - 1);
});

test('promise chains and real I/O settle between timers', async () => {
  const clock = standalone();
  const steps: number[] = [];
  const work = (async () => {
    await clock.sleep(10);
    steps.push(clock.now() - VIRTUAL_EPOCH);
    await new Promise<void>((resolve) => setImmediate(resolve)); // a real turn, like an I/O callback
    await Promise.resolve();
    await clock.sleep(5);
    steps.push(clock.now() - VIRTUAL_EPOCH);
    return 'chain done';
  })();
  // A competing timer at 12 ms must not fire before the chain scheduled its 5 ms sleep at 10 ms.
  clock.setTimeout(() => steps.push(-12), 12);
  assert.equal(await clock.runUntil(work), 'chain done');
  assert.deepEqual(steps, [10, -12, 15]);
});

test('runUntil rejects with the work error', async () => {
  const clock = standalone();
  const work = clock.sleep(50).then(() => { throw new Error('scenario failed'); });
  await assert.rejects(clock.runUntil(work), /scenario failed/);
  assert.equal(clock.now() - VIRTUAL_EPOCH, 50);
});

test('runUntil reports a deadlock when no timer is left and nothing is in flight', async () => {
  const clock = standalone();
  clock.setTimeout(() => {}, 100);
  const never = new Promise<void>(() => {});
  await assert.rejects(clock.runUntil(never), (error: unknown) => {
    assert.ok(error instanceof VirtualDeadlockError);
    assert.match(error.message, /deadlock/);
    assert.match(error.message, /no timer is scheduled and no datagram is in flight/);
    assert.equal(error.context['waitedMs'], 100);
    return true;
  });
});

test('runUntil stops at maxVirtualMs without firing timers beyond it', async () => {
  const clock = standalone();
  let late = false;
  clock.setTimeout(() => { late = true; }, 5000);
  await assert.rejects(clock.runUntil(new Promise(() => {}), { maxVirtualMs: 1000 }), VirtualTimeLimitError);
  assert.equal(late, false);
  assert.ok(clock.now() - VIRTUAL_EPOCH <= 1000);
});

test('a runaway interval hits the timer budget', async () => {
  const clock = standalone();
  clock.setInterval(() => {}, 1);
  await assert.rejects(clock.runUntil(new Promise(() => {}), { maxTimers: 500 }), /500 timer callbacks/);
  assert.equal(clock.now() - VIRTUAL_EPOCH, 500);
});

test('a busy source holds time still until it drains', async () => {
  const clock = standalone();
  let inFlight = 3;
  const observedWhileBusy: number[] = [];
  const remove = clock.addBusySource({
    inFlight: () => {
      if (inFlight > 0) {
        observedWhileBusy.push(clock.now() - VIRTUAL_EPOCH);
        inFlight--; // drains one unit per look, as a queue emptied turn by turn would
      }
      return inFlight;
    },
  });
  let timerFiredWithBusy = -1;
  clock.setTimeout(() => { timerFiredWithBusy = inFlight; }, 10);
  await clock.runUntil(clock.sleep(20));
  remove();
  assert.equal(timerFiredWithBusy, 0, 'the timer fired while work was still in flight');
  assert.deepEqual(observedWhileBusy, [0, 0, 0], 'time moved while the source was busy');
  assert.equal(clock.now() - VIRTUAL_EPOCH, 20);
});

test('a busy source that never drains ends with BusyStuckError', async () => {
  const clock = new VirtualClock({ installGlobally: false, maxBusyTurns: 50 });
  clock.addBusySource({ inFlight: () => 1 });
  await assert.rejects(clock.runUntil(clock.sleep(10)), BusyStuckError);
  assert.equal(clock.now(), VIRTUAL_EPOCH);
});

test('a throwing timer callback rejects the run with TimerCallbackError', async () => {
  const clock = standalone();
  clock.setTimeout(() => { throw new Error('boom'); }, 7);
  await assert.rejects(clock.runUntil(clock.sleep(100)), (error: unknown) => {
    assert.ok(error instanceof TimerCallbackError);
    assert.equal(error.context['virtualNow'], VIRTUAL_EPOCH + 7);
    return true;
  });
});

test('runUntil and advance do not nest', async () => {
  const clock = standalone();
  const outer = clock.runUntil(clock.sleep(10));
  await assert.rejects(clock.advance(5), ClockMisuseError);
  await outer;
});

test('global install fakes setTimeout and Date for code that uses the globals, and uninstall restores them', async () => {
  const realSetTimeout = globalThis.setTimeout;
  const start = Date.UTC(2030, 5, 1);
  const clock = new VirtualClock({ now: start });
  try {
    assert.throws(() => new VirtualClock(), ClockMisuseError);
    assert.notEqual(globalThis.setTimeout, realSetTimeout);
    assert.equal(Date.now(), start);
    // As node-coap does: a plain global setTimeout, awaited through the virtual clock.
    const seen = await clock.runUntil(new Promise<number>((resolve) => setTimeout(() => resolve(Date.now()), 90_000)));
    assert.equal(seen, start + 90_000);
    assert.equal(new Date().getTime(), start + 90_000);
  } finally {
    clock.uninstall();
    clock.uninstall();
  }
  assert.equal(globalThis.setTimeout, realSetTimeout);
  assert.ok(Date.now() !== start + 90_000);
  await assert.rejects(clock.runUntil(Promise.resolve(1)), ClockMisuseError);
});
