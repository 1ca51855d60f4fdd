import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProfile } from './load.ts';
import { ProfileError } from './profile-error.ts';
import { expandArgv, expandTemplate, placeholdersOf } from './template.ts';
import { describePsk, resolvePsk } from './secrets.ts';
import { placeholderValues, profileTolerances } from './engine-view.ts';
import { compilePattern } from './pattern.ts';

function firstProblem(text: string): string {
  try {
    parseProfile(text, 'p.yaml', '/profiles');
  } catch (err) {
    assert.ok(err instanceof ProfileError);
    return err.message.split('\n')[0] ?? '';
  }
  assert.fail('accepted');
}

const base = 'name: p\nkind: serial\nendpoint: e\nserial: { port: /dev/ttyACM0 }\n';

test('a power command must be a string or an argv list', () => {
  assert.equal(
    firstProblem(`${base}power:\n  type: command\n  on: 42\n  off: "uhubctl -a off"\n`),
    'p.yaml:7: power.on: expected a command: a string for the shell, or a list [program, arg, ...], got 42',
  );
});

test('PSK needs exactly one key source and one identity', () => {
  assert.equal(
    firstProblem('name: p\nkind: emulated\nendpoint: e\nsecurity:\n  mode: psk\n  identity: e\n  key: \"0011\"\n  keyEnv: K\n'),
    'p.yaml:4: security: expected exactly one of key, keyFile or keyEnv',
  );
  assert.equal(firstProblem('name: p\nkind: emulated\nendpoint: e\nsecurity: { mode: psk, keyEnv: K }\n'), 'p.yaml:4: security: expected exactly one of identity or identityHex');
});

test('an unquoted all-digit key is read by YAML as a number: the message says to quote it', () => {
  assert.equal(
    firstProblem('name: p\nkind: emulated\nendpoint: e\nsecurity: { mode: psk, identity: e, key: 0011 }\n'),
    'p.yaml:4: security.key: expected the PSK key as hex digits in quotes (YAML read it as a number), got <redacted>',
  );
});

test('stimulus templates may use only their own placeholders', () => {
  assert.equal(
    firstProblem(`${base}stimuli:\n  reboot: { command: "reboot {path}" }\n`),
    'p.yaml:6: stimuli.reboot.command: unknown placeholder {path} (allowed: none), got "reboot {path}"',
  );
});

test('an unknown capability feature is an unknown key', () => {
  assert.equal(firstProblem(`${base}capabilities:\n  features: { teleport: true }\n`), 'p.yaml:6: capabilities.features.teleport: unknown key');
});

test('defaults fill what a minimal serial profile leaves out', () => {
  const { profile } = parseProfile(base, 'p.yaml', '/profiles');
  assert.deepEqual(profile.serial, { port: '/dev/ttyACM0', baud: 115200, lineEnding: 'crlf', bootTimeoutMs: 30000 });
  assert.deepEqual(profile.power, { type: 'none' });
  assert.deepEqual(profileTolerances(profile), { notifyMs: 2000, lifetimeMs: 5000, disableMs: 5000, bootMs: 60000 });
});

test('templates expand placeholders, keep escaped braces, and reject missing values', () => {
  assert.deepEqual(placeholdersOf('a {x} {{y}} {x} {server.uri}'), ['x', 'server.uri']);
  assert.equal(expandTemplate('lwm2m write {path} -f {value} {{raw}}', { path: '/3303/0/5700', value: 21.5 }), 'lwm2m write /3303/0/5700 -f 21.5 {raw}');
  assert.throws(() => expandTemplate('x {code}', {}, 'stimuli.raise-error.command'), /stimuli\.raise-error\.command: no value for placeholder \{code\}/);
  assert.deepEqual(expandArgv(['-h', '{server.host}'], { 'server.host': '::1' }), ['-h', '::1']);
});

test('placeholder values come from the server URI and the PSK', () => {
  const { profile } = parseProfile('name: p\nkind: emulated\nendpoint: ep-9\n', 'p.yaml', '/profiles');
  const values = placeholderValues(profile, {
    serverUri: 'coaps://[::1]:15684',
    localPort: 40000,
    psk: { identity: Buffer.from('ep-9'), key: Buffer.from('0102', 'hex'), source: 'test' },
  });
  assert.deepEqual(values, {
    endpoint: 'ep-9',
    'server.host': '::1',
    'server.port': '15684',
    'server.uri': 'coaps://[::1]:15684',
    'bootstrap.uri': undefined,
    'psk.identity': 'ep-9',
    'psk.keyHex': '0102',
    localPort: '40000',
  });
  assert.equal(placeholderValues(profile, { serverUri: 'coap://127.0.0.1' })['server.port'], '5683');
});

test('PSK keys are read from a file or a variable, and described without the key', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-psk-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const keyFile = join(dir, 'k.hex');
  await writeFile(keyFile, 'DEAD beef\n');
  const fromFile = await resolvePsk({ mode: 'psk', identity: 'ep', keyFile });
  assert.equal(fromFile?.key.toString('hex'), 'deadbeef');
  assert.equal(describePsk(fromFile!), `PSK identity "ep", 4-byte key from key file ${keyFile}`);
  const fromEnv = await resolvePsk({ mode: 'psk', identityHex: '0001', keyEnv: 'K' }, { K: 'c0ffee' });
  assert.equal(fromEnv?.key.toString('hex'), 'c0ffee');
  assert.equal(describePsk(fromEnv!), 'PSK identity 0x0001, 3-byte key from environment variable K');
  await assert.rejects(resolvePsk({ mode: 'psk', identity: 'ep', keyEnv: 'K' }, { K: 'not hex!' }), (err: unknown) => {
    assert.ok(!(err as Error).message.includes('not hex!'), 'the bad value is not echoed');
    assert.match((err as Error).message, /environment variable K does not hold the key as hex digits/);
    return true;
  });
  assert.equal(await resolvePsk({ mode: 'nosec' }), undefined);
});

test('a leading (?i) in a profile pattern ignores case', () => {
  assert.ok(compilePattern('(?i)error').test('ERROR: -5'));
  assert.ok(!compilePattern('error').test('ERROR: -5'));
});

test('a built-in coaps:// server URI needs a PSK, and makes the device DTLS-only', async () => {
  assert.equal(
    firstProblem(`${base}server: { mode: fixed, uri: "coaps://lab.example:5684" }\n`),
    'p.yaml:1: security: expected mode: psk (the built-in server URI is coaps://, so the device speaks DTLS)',
  );
  const { SerialDevice } = await import('../serial/serial-device.ts');
  const secured = parseProfile(`${base}server: { mode: fixed, uri: "coaps://lab.example:5684" }\nsecurity: { mode: psk, identity: e, key: "00112233" }\n`, 'p.yaml', '/profiles');
  const psk = await resolvePsk(secured.profile.security);
  assert.equal(new SerialDevice({ loaded: secured, ...(psk ? { psk } : {}) }).dtlsOnly, true);
  const plain = parseProfile(`${base}server: { mode: fixed, uri: "coap://lab.example:5683" }\n`, 'p.yaml', '/profiles');
  assert.equal(new SerialDevice({ loaded: plain }).dtlsOnly, false);
});
