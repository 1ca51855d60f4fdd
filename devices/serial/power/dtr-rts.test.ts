import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../harness/errors.ts';
import { ManualClock } from '../testing/manual-clock.ts';
import { RecordingBinding } from '../testing/recording-binding.ts';
import { SerialConsole } from '../console.ts';
import { parseControlSequence } from './dtr-rts-sequence.ts';
import { ControlPort, DtrRtsPowerDriver } from './dtr-rts.ts';
import { createPowerDriver } from './create-power-driver.ts';

const T0 = Date.UTC(2025, 0, 1);

test('esptool sequences parse into line settings and waits', () => {
  assert.deepEqual(parseControlSequence('D0|R1|W0.1|D1|R0'), [
    { kind: 'set', dtr: false },
    { kind: 'set', rts: true },
    { kind: 'wait', ms: 100 },
    { kind: 'set', dtr: true },
    { kind: 'set', rts: false },
  ]);
  assert.deepEqual(parseControlSequence('U0,1|W0.05|U1,0'), [
    { kind: 'set', dtr: false, rts: true },
    { kind: 'wait', ms: 50 },
    { kind: 'set', dtr: true, rts: false },
  ]);
});

test('a bad token is named with its position', () => {
  const bad = (seq: string, message: RegExp): void => {
    assert.throws(() => parseControlSequence(seq, 'power.sequence'), (err: unknown) => err instanceof InputError && message.test(err.message));
  };
  bad('D0|R2|W0.1', /^power\.sequence: bad step 2 "R2" in "D0\|R2\|W0\.1": expected R0 or R1$/);
  bad('D0||R1', /bad step 2 "" in "D0\|\|R1": empty step/);
  bad('D0|W|R1', /bad step 2 "W" in "D0\|W\|R1": expected W<seconds>/);
  bad('D0|X1', /bad step 2 "X1" in "D0\|X1": expected D0\/D1, R0\/R1/);
  bad('U1', /bad step 1 "U1" in "U1": expected U<dtr>,<rts>/);
  bad('W120', /more than 60 s/);
});

test('the reset sequence sets both lines in order, with the waits on the clock', async (t) => {
  const clock = new ManualClock(T0, { autoAdvanceSleeps: true });
  const rec = new RecordingBinding(clock);
  const path = rec.createPort('RESET');
  const lines = new ControlPort(path, rec.binding);
  const driver = new DtrRtsPowerDriver({ lines, sequence: 'D0|R1|W0.1|D1|R0', clock, owned: lines });
  t.after(() => driver.close());
  await driver.cycle(5000);
  // serialport's set() writes every flag, so each call carries both lines' intended state.
  assert.deepEqual(
    rec.sets.map((s) => [s.at - T0, s.dtr, s.rts]),
    [
      [0, false, true],
      [0, false, true],
      [100, true, true],
      [100, true, false],
    ],
  );
  assert.deepEqual(
    driver.takeEvents().map((e) => [e.time - T0, e.event]),
    [
      [0, 'reset start'],
      [100, 'reset done'],
    ],
  );
});

test('off holds the board in reset and on releases it (defaults)', async (t) => {
  const clock = new ManualClock(T0, { autoAdvanceSleeps: true });
  const rec = new RecordingBinding(clock);
  const path = rec.createPort('RESET');
  const lines = new ControlPort(path, rec.binding);
  const driver = new DtrRtsPowerDriver({ lines, sequence: 'R1|W0.2|R0', clock, owned: lines });
  t.after(() => driver.close());
  await driver.off();
  await driver.on();
  assert.deepEqual(
    rec.sets.map((s) => [s.dtr, s.rts]),
    [
      [false, true],
      [false, true],
      [false, true],
      [false, false],
    ],
  );
});

test('the factory drives DTR/RTS through the open console when the port is the same', async (t) => {
  const clock = new ManualClock(T0, { autoAdvanceSleeps: true });
  const rec = new RecordingBinding(clock);
  const path = rec.createPort('CONSOLE');
  const console = new SerialConsole({ path, baudRate: 115200, binding: rec.binding, clock });
  await console.open();
  t.after(() => console.close());
  const driver = createPowerDriver({ type: 'dtr-rts', sequence: 'D1|W1|D0', off: 'D0|R1', on: 'D0|R0' }, { clock, binding: rec.binding, console });
  await driver.cycle(0);
  assert.deepEqual(
    rec.sets.map((s) => [s.path, s.at - T0, s.dtr, s.rts]),
    [
      [path, 0, true, true],
      [path, 1000, false, true],
    ],
  );
});
