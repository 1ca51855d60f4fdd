import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialConsole } from './console.ts';
import { ConsoleClosedError, ConsoleMismatchError, ConsoleTimeoutError } from './console-errors.ts';
import { LabError } from '../lab/lab-error.ts';
import { ManualClock } from './testing/manual-clock.ts';
import { mockSerialPort } from './testing/mock-port.ts';

async function openConsole(t: { after: (fn: () => Promise<void>) => void }, clock = new ManualClock()) {
  const mock = mockSerialPort();
  const console = new SerialConsole({ path: mock.path, baudRate: 115200, binding: mock.binding, clock });
  await console.open();
  t.after(() => console.close());
  return { console, mock, clock };
}

test('opening a port that does not exist is a lab error naming the port', async () => {
  const mock = mockSerialPort({ create: false });
  const console = new SerialConsole({ path: mock.path, baudRate: 115200, binding: mock.binding, clock: new ManualClock() });
  await assert.rejects(console.open(), (err: unknown) => {
    assert.ok(err instanceof LabError);
    assert.equal(err.origin, 'lab');
    assert.ok(err.message.includes(mock.path), err.message);
    assert.equal(err.context['port'], mock.path);
    return true;
  });
});

test('lines split across reads, CR LF across reads, LF and UTF-8 split in a character', async (t) => {
  const { console, mock, clock } = await openConsole(t);
  const euro = Buffer.from('€'); // 3 bytes
  mock.emit('hel');
  mock.emit('lo\r');
  await console.expect(/hello/, { timeoutMs: 10 }); // bytes arrive asynchronously: wait before moving the clock
  clock.advance(1000);
  mock.emit('\nwor');
  mock.emit(Buffer.concat([Buffer.from('ld '), euro.subarray(0, 1)]));
  mock.emit(Buffer.concat([euro.subarray(1), Buffer.from('\nlast\n')]));
  await console.expect(/last/, { timeoutMs: 1000 });
  const lines = console.takeLines();
  assert.deepEqual(
    lines.map((l) => [l.dir, l.text]),
    [
      ['rx', 'hello'],
      ['rx', 'world €'],
      ['rx', 'last'],
    ],
  );
  // The first line's time is when its first byte arrived, before the clock moved.
  assert.equal(lines[0]?.time, Date.UTC(2025, 0, 1));
  assert.equal(lines[1]?.time, Date.UTC(2025, 0, 1) + 1000);
  assert.deepEqual(console.takeLines(), [], 'takeLines returns each line once');
});

test('expect any-of returns which pattern matched first, and matches a prompt without a line end', async (t) => {
  const { console, mock } = await openConsole(t);
  mock.emit('\x1b[1;32muart:~$ \x1b[m');
  const prompt = await console.expect([/Booting/, /uart:~\$ $/], { timeoutMs: 1000 });
  assert.equal(prompt.index, 1);
  assert.equal(prompt.line, 'uart:~$ ');
  const later = console.expect([/Done/, /Update (ok|failed)/], { timeoutMs: 1000 });
  mock.emit('lwm2m update\r\nUpdate failed: -5\r\nDone\r\n');
  const result = await later;
  assert.equal(result.index, 1);
  assert.equal(result.match[1], 'failed');
  assert.equal(result.line, 'Update failed: -5');
});

test('expect consumes output: the same text is not matched twice, the rest of a line is', async (t) => {
  const { console, mock, clock } = await openConsole(t);
  mock.emit('value=1 value=2\n');
  assert.equal((await console.expect(/value=(\d)/, { timeoutMs: 100 })).match[1], '1');
  assert.equal((await console.expect(/value=(\d)/, { timeoutMs: 100 })).match[1], '2');
  const third = console.expect(/value=(\d)/, { timeoutMs: 100 });
  clock.advance(100);
  await assert.rejects(third, ConsoleTimeoutError);
});

test('expect all-of waits for every pattern in any order', async (t) => {
  const { console, mock } = await openConsole(t);
  const both = console.expect([/registered/, /lte: attached/], { timeoutMs: 1000, all: true });
  mock.emit('lte: attached\n');
  mock.emit('noise\n');
  mock.emit('client registered\n');
  const result = await both;
  assert.deepEqual(
    result.matches.map((m) => [m.index, m.line]),
    [
      [0, 'client registered'],
      [1, 'lte: attached'],
    ],
  );
});

test('a notMatching line fails the wait at once with that line', async (t) => {
  const { console, mock } = await openConsole(t);
  const wait = console.expect(/Registration Done/, { timeoutMs: 60_000, notMatching: [/Kernel panic|FATAL/] });
  mock.emit('booting\n>>> FATAL ERROR 3: Stack overflow\nRegistration Done\n');
  await assert.rejects(wait, (err: unknown) => {
    assert.ok(err instanceof ConsoleMismatchError);
    assert.equal(err.line, '>>> FATAL ERROR 3: Stack overflow');
    assert.equal(err.origin, 'device');
    return true;
  });
});

test('a timeout shows the last 20 lines and the log file', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-console-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const { console, mock, clock } = await openConsole(t);
  const logFile = join(dir, 'logs', 'scenario.log');
  await console.startLog(logFile);
  for (let i = 1; i <= 30; i++) mock.emit(`line ${i}\n`);
  mock.emit('uart:~$ ');
  await console.expect(/uart/, { timeoutMs: 10 });
  const wait = console.expect(/never/, { timeoutMs: 5000 });
  clock.advance(4999);
  clock.advance(1);
  await assert.rejects(wait, (err: unknown) => {
    assert.ok(err instanceof ConsoleTimeoutError);
    assert.equal(err.tail.length, 20);
    assert.equal(err.tail[0], 'line 12');
    assert.equal(err.tail[19], 'uart:~$ ');
    assert.match(err.message, /no answer within 5000 ms/);
    assert.ok(err.message.includes(`full log: ${logFile}`), err.message);
    assert.ok(!err.message.includes('line 11\n'), 'only the tail is shown');
    return true;
  });
});

test('writes add the line ending, and the log has timestamped rx and tx lines', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-console-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const { console, mock, clock } = await openConsole(t);
  const logFile = join(dir, 'console.log');
  await console.startLog(logFile);
  await console.write('lwm2m update');
  assert.equal(mock.written().toString('latin1'), 'lwm2m update\r\n');
  clock.advance(250);
  mock.emit('Update done\r\n');
  await console.expect(/Update done/, { timeoutMs: 10 });
  await console.stopLog();
  assert.equal(await readFile(logFile, 'utf8'), '2025-01-01T00:00:00.000Z > lwm2m update\n2025-01-01T00:00:00.250Z < Update done\n');
});

test('settle resolves after quiet time, counted from the last byte', async (t) => {
  const { console, mock, clock } = await openConsole(t);
  let settled = false;
  const done = console.settle(500).then(() => (settled = true));
  clock.advance(400);
  mock.emit('still talking\n');
  await console.expect(/still talking/, { timeoutMs: 10 });
  clock.advance(400);
  await Promise.resolve();
  assert.equal(settled, false, 'data 400 ms ago restarted the quiet period');
  clock.advance(100);
  await done;
  assert.equal(settled, true);
});

test('settle gives up when the console never goes quiet', async (t) => {
  const { console, mock, clock } = await openConsole(t);
  const done = console.settle(100, 1000);
  for (let i = 0; i < 20; i++) {
    mock.emit(`tick ${i}\n`);
    await console.expect(new RegExp(`tick ${i}`), { timeoutMs: 10 });
    clock.advance(60);
  }
  await assert.rejects(done, ConsoleTimeoutError);
});

test('closing the console while an expect waits is a lab error, not a timeout', async () => {
  const mock = mockSerialPort();
  const console = new SerialConsole({ path: mock.path, baudRate: 9600, binding: mock.binding, clock: new ManualClock() });
  await console.open();
  const wait = console.expect(/never/, { timeoutMs: 60_000 });
  await console.close();
  await assert.rejects(wait, (err: unknown) => err instanceof ConsoleClosedError && err.origin === 'lab');
});
