import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile } from '../profile/load.ts';
import { SerialDevice, MAX_BOOT_ATTEMPTS } from '../serial/serial-device.ts';
import { boardSimProfile } from './board-sim-profile.ts';

const base = { consolePort: '/dev/null', relayPort: '/dev/null', serverUri: 'coap://127.0.0.1:5683', endpoint: 'board-sim-1' };

test('the generated profile is valid, with boot attempts, features and firmware packages the device hands out', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-board-profile-'));
  try {
    await writeFile(join(dir, 'fw.bin'), 'EMUFW1 9.9.9\n');
    const file = join(dir, 'board.yaml');
    await writeFile(file, boardSimProfile({ ...base, bootAttempts: 5, bootMs: 1234, features: { 'firmware-pull': false }, firmwarePackages: [{ name: 'fw', file: 'fw.bin', version: '9.9.9' }] }));
    const device = new SerialDevice({ loaded: await loadProfile(file) });
    assert.equal(device.bootAttempts, 5);
    assert.equal(device.tolerances.bootMs, 1234);
    assert.equal(device.capabilities.features['firmware-pull'], false);
    assert.equal(device.capabilities.features.bootstrap, false);
    const packages = await device.firmwarePackages();
    assert.deepEqual(packages.map((p) => [p.name, p.version, p.content.toString('latin1')]), [['fw', '9.9.9', 'EMUFW1 9.9.9\n']]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('without those options: the default boot attempts, no packages; a missing package file is named', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-board-profile-'));
  try {
    const file = join(dir, 'board.yaml');
    await writeFile(file, boardSimProfile(base));
    const device = new SerialDevice({ loaded: await loadProfile(file) });
    assert.equal(device.bootAttempts, MAX_BOOT_ATTEMPTS);
    assert.deepEqual(await device.firmwarePackages(), []);
    await writeFile(file, boardSimProfile({ ...base, firmwarePackages: [{ name: 'gone', file: 'gone.bin', version: '1' }] }));
    const missing = new SerialDevice({ loaded: await loadProfile(file) });
    await assert.rejects(missing.firmwarePackages(), /firmware package 'gone': cannot read .*gone\.bin/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
