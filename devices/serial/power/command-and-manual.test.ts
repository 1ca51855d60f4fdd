import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabError } from '../../lab/lab-error.ts';
import { ManualClock } from '../testing/manual-clock.ts';
import { ExternalCommandPowerDriver } from './external-command.ts';
import { ManualPowerDriver } from './manual.ts';
import { NoPowerDriver } from './no-power.ts';

const node = process.execPath;

test('external command: on and off run their commands in the given folder', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-power-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const append = (word: string): string[] => [node, '-e', `require('fs').appendFileSync('state.txt', ${JSON.stringify(word + '\n')})`];
  const driver = new ExternalCommandPowerDriver({ on: append('on'), off: append('off'), clock: new ManualClock(0, { autoAdvanceSleeps: true }), cwd: dir });
  await driver.cycle(1500);
  assert.equal(await readFile(join(dir, 'state.txt'), 'utf8'), 'off\non\n');
  assert.deepEqual(
    driver.takeEvents().map((e) => [e.time, e.event]),
    [
      [0, 'power off'],
      [1500, 'power on'],
    ],
  );
});

test('external command: a cycle template gets the off time', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-power-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const driver = new ExternalCommandPowerDriver({
    on: [node, '-e', 'process.exit(1)'],
    off: [node, '-e', 'process.exit(1)'],
    cycle: [node, '-e', "require('fs').writeFileSync('cycle.txt', process.argv.slice(1).join(' '))", '{offMs}', '{offSeconds}'],
    clock: new ManualClock(),
    cwd: dir,
  });
  await driver.cycle(2500);
  assert.equal(await readFile(join(dir, 'cycle.txt'), 'utf8'), '2500 2.5');
});

test('external command: a non-zero exit is a lab error with the stderr tail', async () => {
  const script = "for (let i = 1; i <= 15; i++) console.error('pdu line ' + i); process.exit(3)";
  const driver = new ExternalCommandPowerDriver({ on: [node, '-e', script], off: [node, '-e', ''], clock: new ManualClock() });
  await assert.rejects(driver.on(), (err: unknown) => {
    assert.ok(err instanceof LabError);
    assert.equal(err.origin, 'lab');
    assert.equal(err.context['exitCode'], 3);
    assert.match(err.message, /^power on: .* exited with 3\nstderr \(last 10 lines\):\npdu line 6\n/);
    assert.ok(err.message.endsWith('pdu line 15'));
    assert.ok(!err.message.includes('pdu line 5\n'));
    return true;
  });
  assert.deepEqual(driver.takeEvents(), []);
});

test('external command: a shell string runs through the shell', async () => {
  const driver = new ExternalCommandPowerDriver({ on: `"${node}" -e "process.exit(0)" && exit 4`, off: 'true', clock: new ManualClock() });
  await assert.rejects(driver.on(), /exited with 4/);
});

test('external command: a program that does not exist is a lab error', async () => {
  const driver = new ExternalCommandPowerDriver({ on: ['lwm2m-hil-no-such-program-xyz'], off: ['true'], clock: new ManualClock() });
  await assert.rejects(driver.on(), (err: unknown) => err instanceof LabError && /cannot run lwm2m-hil-no-such-program-xyz/.test(err.message));
});

test('manual: asks the operator and waits for Enter', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  const driver = new ManualPowerDriver({ input, output, board: 'nrf9160dk #2', clock: new ManualClock() });
  const on = driver.on();
  assert.equal(String(output.read()), 'Switch ON power of board nrf9160dk #2 and press Enter: ');
  input.write('not yet');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(driver.takeEvents(), [], 'no confirmation before Enter');
  input.write('\n');
  await on;
  assert.deepEqual(
    driver.takeEvents().map((e) => e.event),
    ['power on'],
  );
});

test('manual: closed input or no answer in time is a lab error', async () => {
  const clock = new ManualClock();
  const closed = new PassThrough();
  const a = new ManualPowerDriver({ input: closed, output: new PassThrough(), board: 'b', clock });
  const off = a.off();
  closed.end();
  await assert.rejects(off, (err: unknown) => err instanceof LabError && /input closed/.test(err.message));

  const b = new ManualPowerDriver({ input: new PassThrough(), output: new PassThrough(), board: 'b', clock, timeoutMs: 60_000 });
  const on = b.on();
  clock.advance(60_000);
  await assert.rejects(on, (err: unknown) => err instanceof LabError && /no answer from the operator within 60000 ms/.test(err.message));
});

test('none: records that nothing was switched', async () => {
  const driver = new NoPowerDriver(new ManualClock());
  await driver.cycle(1000);
  assert.deepEqual(
    driver.takeEvents().map((e) => e.event),
    ['power cycle skipped'],
  );
});

test('external command: a hung command is killed after its time limit', async () => {
  const driver = new ExternalCommandPowerDriver({ on: [node, '-e', 'setInterval(() => {}, 1000)'], off: ['true'], clock: new ManualClock(), timeoutMs: 300 });
  await assert.rejects(driver.on(), (err: unknown) => err instanceof LabError && /did not finish within 300 ms \(killed\)/.test(err.message));
});
