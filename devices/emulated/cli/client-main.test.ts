import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DtlsServerTransport } from '../../../harness/dtls/dtls-server-transport.ts';
import { PskStore } from '../../../harness/dtls/psk-store.ts';
import { RealClock } from '../../../harness/clock/real-clock.ts';
import { LwM2MServer } from '../../../harness/lwm2m/server/lwm2m-server.ts';
import { UdpTransport } from '../../../harness/net/udp-transport.ts';
import { Random } from '../../../harness/random.ts';
import type { CliIo } from './cli-io.ts';
import { runClientCommand } from './client-main.ts';
import { runFaultsCommand } from './faults-main.ts';

function capture(): CliIo & { stdin: PassThrough; lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { stdin: new PassThrough(), out: (l) => lines.push(l), err: (l) => errors.push(l), lines, errors };
}

test('client registers with the LwM2MServer over real UDP and `set` makes it notify an observer', async () => {
  const clock = new RealClock();
  const transport = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const server = await LwM2MServer.start({ transport, clock, random: new Random(9) });
  const io = capture();
  try {
    const registered = server.waitFor('registered', (e) => e.registration.endpoint === 'ep1', 10_000);
    const exit = runClientCommand(['--server', `coap://127.0.0.1:${transport.local.port}`, '--endpoint', 'ep1', '--seed', '4'], io);
    await registered;
    const observation = await server.observe('ep1', '/3303/0/5700');
    const notified = server.waitFor('notification', (e) => e.notification.endpoint === 'ep1', 10_000);
    io.stdin.write('set /3303/0/5700 25.5\n');
    const { notification } = await notified;
    assert.equal(notification.entries?.[0]?.value, 25.5);
    io.stdin.write('status\nbogus\nquit\n');
    assert.equal(await exit, 0);
    assert.ok(io.lines.some((l) => / registered at \/rd\//.test(l)), io.lines.join('\n'));
    assert.ok(io.lines.some((l) => l.endsWith('notification sent for /3303/0/5700')));
    assert.ok(io.lines.some((l) => l.startsWith('{"state":"registered"')));
    assert.deepEqual(io.errors, ["error: unknown command 'bogus' (try help)"]);
    assert.equal(server.get('ep1'), undefined, 'quit de-registers');
    void observation;
  } finally {
    io.stdin.end();
    await server.close();
    await transport.close();
  }
});

test('client rejects --psk, unknown faults and missing arguments with exit code 2', async () => {
  for (const argv of [
    ['--server', 'coap://127.0.0.1:5683', '--endpoint', 'e', '--psk', 'id:00'],
    ['--server', 'coaps://127.0.0.1:5684', '--endpoint', 'e'],
    ['--server', 'coap://127.0.0.1:5683', '--endpoint', 'e', '--psk-file', 'keys.txt'],
    ['--server', 'coaps://127.0.0.1:5684', '--endpoint', 'e', '--psk-file', 'no-such-keys.txt'],
    ['--server', 'coap://127.0.0.1:5683', '--endpoint', 'e', '--fault', 'nope'],
    ['--endpoint', 'e'],
    ['--server', 'http://x', '--endpoint', 'e'],
  ]) {
    const io = capture();
    assert.equal(await runClientCommand(argv, io), 2, argv.join(' '));
    assert.match(io.errors.join('\n'), /usage: lwm2m-hil client/);
  }
});

test('faults --json prints exactly [{ name, breaks, description }]; the table names every fault', async () => {
  const json = capture();
  assert.equal(await runFaultsCommand(['--json'], json), 0);
  const parsed = JSON.parse(json.lines.join('\n')) as Array<Record<string, unknown>>;
  assert.ok(parsed.length >= 40);
  for (const f of parsed) assert.deepEqual(Object.keys(f), ['name', 'breaks', 'description']);
  const table = capture();
  assert.equal(await runFaultsCommand([], table), 0);
  assert.ok(table.lines.some((l) => l.startsWith('notify-before-pmin') && l.includes('HLF-020, HLF-022')));
  assert.equal(await runFaultsCommand(['--xml'], capture()), 2);
});

test('client --psk-file registers with a coaps server over DTLS (PSK, node-dtls-client), and never prints the key', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-client-psk-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const keyHex = '00112233445566778899aabbccddeeff';
  const file = join(dir, 'keys.txt');
  await writeFile(file, `# test key\nep-psk:${keyHex}\n`);
  const clock = new RealClock();
  const inner = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const dtls = new DtlsServerTransport({ inner, credentials: new PskStore([['ep-psk', keyHex]]), clock });
  const server = await LwM2MServer.start({ transport: dtls, clock, random: new Random(3) });
  const io = capture();
  try {
    const registered = server.waitFor('registered', (e) => e.registration.endpoint === 'ep-psk', 10_000);
    const exit = runClientCommand(['--server', `coaps://127.0.0.1:${inner.local.port}`, '--endpoint', 'ep-psk', '--psk-file', file, '--seed', '4'], io);
    const { registration } = await registered;
    assert.equal(dtls.sessionFor(registration.address)?.identity, 'ep-psk', 'the Register came inside a DTLS session');
    const read = await server.read('ep-psk', '/3/0/0');
    assert.equal(read.code, '2.05');
    io.stdin.write('quit\n');
    assert.equal(await exit, 0);
    // The standalone client's DTLS is node-dtls-client, independent of the server's (harness/dtls).
    assert.ok(io.lines.some((l) => l.includes('dtls handshake complete (node-dtls-client)')), io.lines.join('\n'));
    assert.ok(![...io.lines, ...io.errors].some((l) => l.includes(keyHex)), 'the key is never printed');
  } finally {
    io.stdin.end();
    await server.close();
    await dtls.close();
  }
});
