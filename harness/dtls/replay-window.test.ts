import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReplayWindow, REPLAY_WINDOW_SIZE } from './replay-window.ts';

test('replay window: new numbers pass, repeats are replayed, numbers behind the window are too old', () => {
  const window = new ReplayWindow();
  assert.equal(window.check(0), 'ok');
  window.mark(0);
  assert.equal(window.check(0), 'replayed');
  window.mark(5);
  assert.equal(window.check(3), 'ok', 'a late record inside the window is accepted once');
  window.mark(3);
  assert.equal(window.check(3), 'replayed');
  assert.equal(window.check(5), 'replayed');
  window.mark(5 + REPLAY_WINDOW_SIZE - 1);
  assert.equal(window.check(5), 'replayed', 'still inside the 64-record window');
  assert.equal(window.check(4), 'too-old');
  window.mark(1000);
  assert.equal(window.check(5 + REPLAY_WINDOW_SIZE - 1), 'too-old');
  assert.equal(window.check(999), 'ok');
  assert.equal(window.check(2 ** 48), 'out-of-range');
  assert.equal(window.newest, 1000);
});

test('replay window: only marked numbers count (a forged record must not move it)', () => {
  const window = new ReplayWindow();
  assert.equal(window.check(10_000), 'ok'); // checked, failed to authenticate, never marked
  window.mark(1);
  assert.equal(window.check(2), 'ok');
  assert.equal(window.newest, 1);
});

test('replay window: 48-bit sequence numbers near the top are handled exactly', () => {
  const window = new ReplayWindow();
  const top = 2 ** 48 - 1;
  window.mark(top - 1);
  window.mark(top);
  assert.equal(window.check(top), 'replayed');
  assert.equal(window.check(top - 1), 'replayed');
  assert.equal(window.check(top - 2), 'ok');
});
