import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkProfile, formatCheckReport } from './check.ts';
import { mockSerialPort } from '../serial/testing/mock-port.ts';

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-check-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('a serial board: ports open, key readable (not shown), missing files reported', async (t) => {
  const dir = await tempDir(t);
  const console = mockSerialPort();
  const relay = mockSerialPort();
  const secret = '000102030405060708090a0b0c0d0e0f';
  await mkdir(join(dir, 'keys'));
  await writeFile(join(dir, 'keys', 'b.hex'), `${secret}\n`);
  const file = join(dir, 'board.yaml');
  await writeFile(
    file,
    `name: board
kind: serial
endpoint: ep
security: { mode: psk, identity: ep, keyFile: keys/b.hex }
serial: { port: ${console.path} }
power: { type: lcus, port: ${relay.path}, channel: 2 }
flash: { command: [${JSON.stringify(process.execPath)}, -e, "", "{firmware}"], image: build/app.hex }
stimuli:
  registration-update: { command: lwm2m update }
`,
  );
  const report = await checkProfile(file, { binding: console.binding, env: {} });
  if (process.env['DEBUG_CHECK']) process.stderr.write(formatCheckReport(report) + '\n');
  const byName = Object.fromEntries(report.checks.map((c) => [c.check, c]));
  assert.equal(byName['profile']?.ok, true);
  assert.equal(byName['security']?.ok, true);
  assert.match(byName['security']?.message ?? '', /PSK identity "ep", 16-byte key from key file/);
  assert.equal(byName['serial console']?.ok, true);
  assert.equal(byName['power (lcus relay)']?.ok, true);
  assert.equal(byName['flash command']?.ok, true);
  assert.deepEqual(byName['flash image'], { check: 'flash image', ok: false, message: `${join(dir, 'build/app.hex')} does not exist` });
  assert.match(byName['stimuli']?.message ?? '', /not defined: set-value, raise-error, reboot/);
  assert.equal(report.ok, false);
  const text = formatCheckReport(report);
  assert.ok(!text.includes(secret), 'the key is never printed');
  assert.match(text, /FAIL flash image: /);
});

test('a missing port, an unset key variable and a missing program fail their checks', async (t) => {
  const dir = await tempDir(t);
  const missingPort = mockSerialPort({ create: false });
  const file = join(dir, 'p.yaml');
  await writeFile(
    file,
    `name: proc
kind: process
endpoint: ep
security: { mode: psk, identity: ep, keyEnv: LWM2M_HIL_TEST_KEY }
process: { argv: [./client, "{server.uri}"] }
power: { type: numato, port: ${missingPort.path}, relay: 0 }
`,
  );
  const report = await checkProfile(file, { binding: missingPort.binding, env: {} });
  const failed = report.checks.filter((c) => !c.ok).map((c) => [c.check, c.message]);
  assert.deepEqual(failed, [
    ['security', 'security.keyEnv: the environment variable LWM2M_HIL_TEST_KEY is not set'],
    ['process program', `cannot find an executable ${join(dir, 'client')}`],
    ['power (numato relay)', `cannot open power (numato relay) serial port ${missingPort.path}: Port does not exist - please call MockBinding.createPort('${missingPort.path}') first`],
  ]);

  await writeFile(join(dir, 'client'), '#!/bin/sh\n');
  await chmod(join(dir, 'client'), 0o755);
  const again = await checkProfile(file, { binding: missingPort.binding, env: { LWM2M_HIL_TEST_KEY: 'aabb' } });
  assert.deepEqual(
    again.checks.filter((c) => !c.ok).map((c) => c.check),
    ['power (numato relay)'],
  );
});

test('an invalid profile gives one failed check with file:line:field', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'bad.yaml');
  await writeFile(file, 'name: x\nkind: robot\nendpoint: e\n');
  const report = await checkProfile(file);
  assert.equal(report.ok, false);
  assert.deepEqual(report.checks, [{ check: 'profile', ok: false, message: `${file}:2: kind: expected kind: emulated, process, serial or container, got "robot"` }]);
});
