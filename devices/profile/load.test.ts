import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile, parseProfile } from './load.ts';
import { ProfileError } from './profile-error.ts';

function problems(text: string, file = 'board.yaml'): string[] {
  try {
    parseProfile(text, file, '/profiles');
  } catch (err) {
    assert.ok(err instanceof ProfileError, `expected a ProfileError, got ${String(err)}`);
    assert.equal(err.origin, 'usage');
    return err.message.split('\n');
  }
  assert.fail('the profile was accepted');
}

const serialBoard = (power: string) => `name: board
kind: serial
endpoint: ep-1
serial:
  port: /dev/ttyACM0
${power}`;

test('a wrong type names file, line, field, expectation and the value found', () => {
  const text = serialBoard('power:\n  type: lcus\n  port: /dev/ttyUSB0\n  channel: two\n');
  assert.deepEqual(problems(text), ['board.yaml:9: power.channel: expected a number 1..8, got "two"']);
});

test('a number out of range is reported with the number', () => {
  const text = serialBoard('power:\n  type: lcus\n  port: /dev/ttyUSB0\n  channel: 9\n');
  assert.deepEqual(problems(text), ['board.yaml:9: power.channel: expected a number 1..8, got 9']);
});

test('an unknown key is reported at the key itself', () => {
  const text = `name: board
kind: serial
endpoint: ep-1
serial:
  port: /dev/ttyACM0
  bootTimeotMs: 5000
`;
  assert.deepEqual(problems(text), ['board.yaml:6: serial.bootTimeotMs: unknown key']);
});

test('a missing field is reported at its enclosing key', () => {
  const text = `name: board
kind: serial
endpoint: ep-1
serial:
  baud: 115200
`;
  assert.deepEqual(problems(text), ['board.yaml:4: serial.port: missing; expected a serial port path, e.g. /dev/ttyACM0']);
});

test('a missing top-level field points at the start of the document', () => {
  assert.deepEqual(problems('kind: emulated\nendpoint: x\n'), ['board.yaml:1: name: missing; expected a profile name']);
});

test('YAML syntax errors give the line and no source excerpt', () => {
  const lines = problems('name: board\nkind: serial\nendpoint: a: b\n');
  assert.equal(lines.length, 1);
  assert.equal(lines[0], 'board.yaml:3: YAML syntax error: Nested mappings are not allowed in compact mappings');
});

test('a tab used for indentation is a syntax error on its line', () => {
  assert.deepEqual(problems('name: board\nkind: serial\nendpoint: x\n\tserial: 1\n'), ['board.yaml:4: YAML syntax error: Tabs are not allowed as indentation']);
});

test('duplicate keys are a syntax error on the second key', () => {
  const lines = problems('name: a\nkind: emulated\nendpoint: x\nname: b\n');
  assert.match(lines[0] ?? '', /^board\.yaml:4: YAML syntax error: .*unique/);
});

test('several problems come one per line, sorted by line', () => {
  const text = `name: board
kind: serial
endpoint: ep-1
serial:
  port: /dev/ttyACM0
  lineEnding: unix
power:
  type: relay
`;
  assert.deepEqual(problems(text), [
    'board.yaml:6: serial.lineEnding: expected lf, crlf or cr, got "unix"',
    'board.yaml:8: power.type: expected type: lcus, numato, command, dtr-rts, manual or none, got "relay"',
  ]);
});

test('an unknown placeholder in a process argv is named', () => {
  const text = `name: client
kind: process
endpoint: ep
process:
  argv:
    - ./client
    - -h
    - "{server.hots}"
`;
  assert.deepEqual(problems(text), [
    'board.yaml:8: process.argv[2]: unknown placeholder {server.hots} (allowed: {endpoint}, {server.host}, {server.port}, {server.uri}, {bootstrap.uri}, {psk.identity}, {psk.keyHex}, {localPort}), got "{server.hots}"',
  ]);
});

test('a DTR/RTS sequence is checked step by step', () => {
  const text = serialBoard('power:\n  type: dtr-rts\n  sequence: "D0|R1|W0.1|D1|Q0"\n');
  assert.deepEqual(problems(text), [
    'board.yaml:8: power.sequence: bad step 5 "Q0" in "D0|R1|W0.1|D1|Q0": expected D0/D1, R0/R1, U<dtr>,<rts> or W<seconds>, got "D0|R1|W0.1|D1|Q0"',
  ]);
});

test('a PSK key is never printed, even when malformed', () => {
  const secret = 'c0ffee00c0ffee0g';
  const text = `name: a
kind: emulated
endpoint: ep
security:
  mode: psk
  identity: ep
  key: ${secret}
`;
  const lines = problems(text);
  assert.deepEqual(lines, ['board.yaml:7: security.key: expected the PSK key as an even number of hex digits, got <redacted>']);
  assert.ok(!lines.join('\n').includes(secret));
});

test('kind-specific sections are required', () => {
  assert.deepEqual(problems('name: a\nkind: serial\nendpoint: x\n'), ['board.yaml:1: serial: expected a serial section for kind: serial']);
});

test('a document that is not a mapping is rejected', () => {
  assert.deepEqual(problems('- a\n- b\n'), ['board.yaml:1: expected a mapping of profile fields (name, kind, endpoint, ...)']);
});

test('loadProfile resolves relative paths against the profile folder and applies defaults', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-profile-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'p.yaml');
  await writeFile(
    file,
    `name: p
kind: process
endpoint: ep
security: { mode: psk, identity: ep, keyFile: keys/ep.hex }
process:
  argv: [./bin/client, "{server.uri}"]
flash: { command: "true {firmware}", image: fw/app.bin }
`,
  );
  const loaded = await loadProfile(file);
  assert.equal(loaded.dir, dir);
  const p = loaded.profile;
  assert.equal(p.process?.argv[0], join(dir, 'bin/client'));
  assert.equal(p.process?.cwd, dir);
  assert.equal(p.flash?.image, join(dir, 'fw/app.bin'));
  assert.deepEqual(p.security, { mode: 'psk', identity: 'ep', keyFile: join(dir, 'keys/ep.hex') });
  assert.deepEqual(p.power, { type: 'none' });
  assert.deepEqual(p.server, { mode: 'fixed', uri: '{server.uri}' });
});

test('loadProfile on a missing file is a ProfileError naming it', async () => {
  await assert.rejects(loadProfile(join(tmpdir(), 'no-such-profile-lwm2m-hil.yaml')), (err: unknown) => {
    assert.ok(err instanceof ProfileError);
    assert.match(err.message, /no-such-profile-lwm2m-hil\.yaml:0: cannot read the profile: no such file/);
    return true;
  });
});
