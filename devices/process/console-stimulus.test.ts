import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RealClock } from '../../harness/clock/real-clock.ts';
import { parseProfile } from '../profile/load.ts';
import { applyConsoleStimulus, type ConsoleIo } from './console-stimulus.ts';
import { OutputLines } from './output-lines.ts';

const stimuli = parseProfile(
  [
    'name: t',
    'kind: process',
    'endpoint: ep',
    'process: { argv: [client] }',
    'stimuli:',
    '  set-value: { command: "set {path} {value}", expect: "^ok ", fail: ["^error"], timeoutMs: 200 }',
    '  raise-error: { command: "error {code}" }',
    '',
  ].join('\n'),
  'inline.yaml',
  '.',
).profile.stimuli;

/** A console whose device answers each typed line with `answer(line)`. */
function fakeConsole(answer: (line: string) => string | undefined): { io: ConsoleIo; typed: string[] } {
  const output = new OutputLines(new RealClock());
  const typed: string[] = [];
  return {
    typed,
    io: {
      write: async (line) => {
        typed.push(line);
        const reply = answer(line);
        if (reply !== undefined) setImmediate(() => output.push('stdout', `${reply}\n`));
      },
      waitFor: (want, options) => output.waitFor(want, options),
    },
  };
}

test('a console stimulus types the expanded template and waits for its confirmation', async () => {
  const { io, typed } = fakeConsole((line) => `ok ${line}`);
  assert.deepEqual(await applyConsoleStimulus(stimuli, { kind: 'set-value', path: '/3303/0/5700', value: '25.5' }, io), { applied: true });
  assert.deepEqual(typed, ['set /3303/0/5700 25.5']);
});

test('a fail line, a missing confirmation or a missing command is not applied, with the reason', async () => {
  const failing = fakeConsole(() => 'error: no such path');
  const failed = await applyConsoleStimulus(stimuli, { kind: 'set-value', path: '/9/9/9', value: '1' }, failing.io);
  assert.equal(failed.applied, false);
  assert.match(failed.applied ? '' : failed.reason, /error: no such path/);

  const silent = fakeConsole(() => undefined);
  const timedOut = await applyConsoleStimulus(stimuli, { kind: 'set-value', path: '/3/0/1', value: 'x' }, silent.io);
  assert.match(timedOut.applied ? '' : timedOut.reason, /no line matching/);

  const absent = await applyConsoleStimulus(stimuli, { kind: 'reboot' }, silent.io);
  assert.deepEqual(absent, { applied: false, reason: 'the device profile has no stimuli.reboot console command' });
  assert.deepEqual(await applyConsoleStimulus(stimuli, { kind: 'raise-error', code: 5 }, silent.io), { applied: true });
  assert.deepEqual(silent.typed, ['set /3/0/1 x', 'error 5']);
});
