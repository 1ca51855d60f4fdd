import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadProfile } from './load.ts';

const profilesDir = fileURLToPath(new URL('../profiles/', import.meta.url));

test('every example profile in devices/profiles is valid', async () => {
  const files = (await readdir(profilesDir)).filter((f) => f.endsWith('.yaml'));
  assert.ok(files.length >= 3, `expected the example profiles, found ${files.join(', ')}`);
  for (const file of files) {
    const loaded = await loadProfile(join(profilesDir, file));
    assert.equal(typeof loaded.profile.name, 'string', file);
  }
});

test('the real-board example describes a serial board with relay, prompt and stimuli', async () => {
  const { profile } = await loadProfile(join(profilesDir, 'nrf9160dk-zephyr.yaml'));
  assert.equal(profile.kind, 'serial');
  assert.deepEqual(profile.power, { type: 'lcus', port: '/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0', channel: 1, baud: 9600 });
  assert.ok(new RegExp(profile.serial?.prompt ?? '^$').test('uart:~$ '));
  assert.equal(profile.stimuli['set-value']?.command, 'lwm2m write {path} -f {value}');
  assert.equal(profile.security.mode, 'psk');
  assert.equal(profile.capabilities.features.cellular, true);
});

test('the process example has an argv with placeholders', async () => {
  const { profile, dir } = await loadProfile(join(profilesDir, 'process-example.yaml'));
  assert.equal(profile.kind, 'process');
  assert.equal(profile.process?.argv[0], join(dir, 'bin/lwm2mclient'));
  assert.ok(profile.process?.argv.includes('{psk.keyHex}'));
});
