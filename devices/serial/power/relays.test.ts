import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LabError } from '../../lab/lab-error.ts';
import { ManualClock } from '../testing/manual-clock.ts';
import { RecordingBinding } from '../testing/recording-binding.ts';
import { LcusPowerDriver, lcusFrame } from './lcus.ts';
import { NumatoPowerDriver, numatoCommand, numatoRelayIndex } from './numato.ts';

test('LCUS frames: A0, channel, state, checksum', () => {
  assert.deepEqual([...lcusFrame(1, true)], [0xa0, 0x01, 0x01, 0xa2]);
  assert.deepEqual([...lcusFrame(1, false)], [0xa0, 0x01, 0x00, 0xa1]);
  assert.deepEqual([...lcusFrame(2, true)], [0xa0, 0x02, 0x01, 0xa3]);
  assert.deepEqual([...lcusFrame(8, false)], [0xa0, 0x08, 0x00, 0xa8]);
});

test('the LCUS driver writes exactly the frames for off, then on after the off time', async (t) => {
  const clock = new ManualClock(Date.UTC(2025, 0, 1), { autoAdvanceSleeps: true });
  const rec = new RecordingBinding(clock);
  const port = rec.createPort('LCUS');
  const driver = new LcusPowerDriver({ port, channel: 1, clock, binding: rec.binding });
  t.after(() => driver.close());
  await driver.cycle(2000);
  assert.deepEqual(
    rec.writes.map((w) => [w.at - Date.UTC(2025, 0, 1), w.bytes.toString('hex')]),
    [
      [0, 'a00100a1'],
      [2000, 'a00101a2'],
    ],
  );
  const events = driver.takeEvents();
  assert.deepEqual(
    events.map((e) => [e.event, e.detail]),
    [
      ['power off', `LCUS relay 1 opened on ${port} (A0 01 00 A1)`],
      ['power on', `LCUS relay 1 closed on ${port} (A0 01 01 A2)`],
    ],
  );
  assert.equal(events[1]?.time, Date.UTC(2025, 0, 1) + 2000);
  assert.deepEqual(driver.takeEvents(), []);
  assert.equal(driver.describe(), `LCUS relay channel 1 on ${port}`);
});

test('a relay whose port is missing is a lab error naming the port', async () => {
  const clock = new ManualClock();
  const rec = new RecordingBinding(clock);
  const driver = new LcusPowerDriver({ port: '/dev/ttyNOSUCHRELAY', channel: 1, clock, binding: rec.binding });
  await assert.rejects(driver.on(), (err: unknown) => err instanceof LabError && err.message.includes('/dev/ttyNOSUCHRELAY') && err.message.includes('LCUS relay'));
  assert.deepEqual(driver.takeEvents(), [], 'no event for a switch that did not happen');
});

test('Numato relay indices: 0-9 then A-V', () => {
  assert.equal(numatoRelayIndex(0), '0');
  assert.equal(numatoRelayIndex(9), '9');
  assert.equal(numatoRelayIndex(10), 'A');
  assert.equal(numatoRelayIndex(31), 'V');
  assert.throws(() => numatoRelayIndex(32), /0\.\.31/);
  assert.equal(numatoCommand(3, true), 'relay on 3\r');
  assert.equal(numatoCommand(15, false), 'relay off F\r');
});

test('the Numato driver writes the ASCII commands', async (t) => {
  const clock = new ManualClock(0, { autoAdvanceSleeps: true });
  const rec = new RecordingBinding(clock);
  const port = rec.createPort('NUMATO');
  const driver = new NumatoPowerDriver({ port, relay: 12, clock, binding: rec.binding });
  t.after(() => driver.close());
  await driver.on();
  await driver.off();
  assert.equal(rec.writtenTo(port).toString('latin1'), 'relay on C\rrelay off C\r');
  assert.deepEqual(
    driver.takeEvents().map((e) => e.event),
    ['power on', 'power off'],
  );
});
