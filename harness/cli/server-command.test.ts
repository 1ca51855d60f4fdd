import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import packet from 'coap-packet';
import { RealClock } from '../clock/real-clock.ts';
import { DtlsClientTransport } from '../dtls/dtls-client-transport.ts';
import { ScriptedClient } from '../lwm2m/load/scripted-client.ts';
import { UdpTransport } from '../net/udp-transport.ts';
import { main } from './main.ts';
import { parseServerArgs, readPskFile, startServer } from './server-command.ts';
import { UsageError } from './usage.ts';

test('parseServerArgs: defaults, addresses and flags', () => {
  assert.deepEqual(parseServerArgs([]), { coap: { address: '0.0.0.0', port: 5683 }, json: false });
  assert.deepEqual(parseServerArgs(['--coap', '[::1]:5700', '--bootstrap', '127.0.0.1:5783', '--json', '--trace', 'x.pcapng', '--objects', 'ddf']), {
    coap: { address: '::1', port: 5700 },
    bootstrap: { address: '127.0.0.1', port: 5783 },
    json: true,
    traceFile: 'x.pcapng',
    objects: 'ddf',
  });
});

test('parseServerArgs: bad ports, unknown options and not-yet-available features are usage errors', () => {
  assert.throws(() => parseServerArgs(['--coap', '127.0.0.1:70000']), (e: unknown) => e instanceof UsageError && /--coap must be HOST:PORT/.test(e.message));
  assert.throws(() => parseServerArgs(['--coap', 'localhost']), UsageError);
  assert.throws(() => parseServerArgs(['--nope']), UsageError);
  assert.throws(() => parseServerArgs(['extra']), /unexpected argument 'extra'/);
  assert.throws(() => parseServerArgs(['--coaps', '127.0.0.1:5684']), /--coaps and --psk-file go together/);
  assert.throws(() => parseServerArgs(['--psk-file', 'keys.txt']), /--coaps and --psk-file go together/);
  assert.throws(() => parseServerArgs(['--http', '127.0.0.1:8080']), /web console.*not available/);
});

async function captureStderr<T>(work: () => Promise<T>): Promise<{ value: T; stderr: string }> {
  const original = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stderr.write;
  try {
    return { value: await work(), stderr };
  } finally {
    process.stderr.write = original;
  }
}

test('a busy port exits 2 with a one-line reason and no stack trace', async () => {
  const holder = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  try {
    const { value, stderr } = await captureStderr(() => main(['server', '--coap', `127.0.0.1:${holder.local.port}`]));
    assert.equal(value, 2);
    assert.match(stderr, /already in use/);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  } finally {
    await holder.close();
  }
});

test('--coaps without --psk-file exits 2 with the reason', async () => {
  const { value, stderr } = await captureStderr(() => main(['server', '--coaps', '127.0.0.1:5684']));
  assert.equal(value, 2);
  assert.match(stderr, /--psk-file/);
});

test('readPskFile reads identity:hexkey lines and names the bad line without echoing the key', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-psk-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const good = join(dir, 'keys.txt');
  await writeFile(good, '# test keys\n\ndev-1:000102030405060708090a0b0c0d0e0f\nurn:imei:1234:aabbccdd\n');
  const store = await readPskFile(good);
  assert.deepEqual(store.identities(), ['dev-1', 'urn:imei:1234']);
  assert.equal(store.lookup('urn:imei:1234')?.toString('hex'), 'aabbccdd');
  const bad = join(dir, 'bad.txt');
  await writeFile(bad, 'dev-1:000102\ndev-2:SECRETZZ\n');
  await assert.rejects(readPskFile(bad), (e: unknown) => e instanceof UsageError && /line 2/.test(e.message) && !e.message.includes('SECRETZZ'));
  await assert.rejects(readPskFile(join(dir, 'none.txt')), /cannot read/);
});

test('--coaps: a DTLS PSK client registers through the secure server and the key stays out of the trace', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-psk-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const pskFile = join(dir, 'keys.txt');
  const key = Buffer.from('6c776d326d2d68696c2d7465737421', 'hex');
  await writeFile(pskFile, `dtls-ep:${key.toString('hex')}\n`);
  const lines: string[] = [];
  const running = await startServer(
    { coap: { address: '127.0.0.1', port: 0 }, coaps: { address: '127.0.0.1', port: 0 }, pskFile, json: false },
    (line) => lines.push(line),
  );
  const clock = new RealClock();
  const dtls = new DtlsClientTransport({ inner: await UdpTransport.open({ address: '127.0.0.1', port: 0 }), clock, identity: 'dtls-ep', key });
  try {
    const secure = running.secureServer;
    assert.ok(secure);
    assert.match(lines[1] ?? '', new RegExp(`^listening coaps 127\\.0\\.0\\.1:${secure.local.port}$`));
    await dtls.connect(secure.local);
    const client = new ScriptedClient(dtls, secure.local);
    const answer = await client.register('dtls-ep', 300, '</1/0>,</3/0>');
    assert.equal(answer.code, '2.01');
    assert.equal(running.server.get('dtls-ep'), undefined, 'registered with the secure server only');
    assert.equal(secure.get('dtls-ep')?.lifetime, 300);
    assert.ok(lines.some((l) => /^registered ep=dtls-ep .* via=coaps$/.test(l)), lines.join('\n'));
    client.close();
  } finally {
    await dtls.close();
    await running.close();
  }
  assert.ok(!JSON.stringify(running.trace.toJSON()).includes(key.toString('hex')));
});

test('startServer prints JSON lines for listening and a registration, and writes the pcapng on close', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-server-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const traceFile = join(dir, 'run.pcapng');
  const lines: string[] = [];
  const running = await startServer({ coap: { address: '127.0.0.1', port: 0 }, json: true, traceFile }, (line) => lines.push(line));
  const client = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  try {
    const listening = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    assert.equal(listening['event'], 'listening');
    assert.equal(listening['protocol'], 'coap');
    assert.equal(listening['port'], running.server.local.port);

    const answered = new Promise<Buffer>((resolve) => client.onMessage((data) => resolve(data)));
    const registered = running.server.waitFor('registered', undefined, 10_000);
    const register = packet.generate({
      code: '0.02', messageId: 7, token: Buffer.from([1, 2]), confirmable: true,
      options: [
        { name: 'Uri-Path', value: Buffer.from('rd') },
        { name: 'Content-Format', value: Buffer.from([40]) },
        { name: 'Uri-Query', value: Buffer.from('ep=json-ep') },
        { name: 'Uri-Query', value: Buffer.from('lt=120') },
        { name: 'Uri-Query', value: Buffer.from('lwm2m=1.0') },
      ],
      payload: Buffer.from('</1/0>,</3/0>'),
    });
    await client.send(register, running.server.local);
    await registered;
    assert.equal(packet.parse(await answered).code, '2.01');
    const event = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e['event'] === 'registered');
    assert.ok(event, lines.join('\n'));
    assert.equal(event['endpoint'], 'json-ep');
    assert.equal(event['lifetime'], 120);
    assert.equal(event['version'], '1.0');
    assert.deepEqual(event['objects'], ['/1/0', '/3/0']);
    assert.equal(event['address'], `127.0.0.1:${client.local.port}`);
  } finally {
    await client.close();
    await running.close();
  }
  const pcap = await readFile(traceFile);
  assert.equal(pcap.readUInt32LE(0), 0x0a0d0d0a, 'pcapng section header');
  assert.ok(pcap.includes(Buffer.from('json-ep')), 'the Register is in the capture');
  const last = JSON.parse(lines.at(-1) ?? '{}') as Record<string, unknown>;
  assert.equal(last['event'], 'stopped');
});

test('startServer rejects a trace file that cannot be written before it binds anything', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-server-'));
  try {
    await assert.rejects(
      startServer({ coap: { address: '127.0.0.1', port: 0 }, json: false, traceFile: join(dir, 'missing', 'x.pcapng') }, () => undefined),
      (e: unknown) => e instanceof UsageError && /--trace .*cannot write/.test(e.message),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('startServer with --bootstrap listens on both ports and --objects rejects a missing folder', async () => {
  const lines: string[] = [];
  const running = await startServer({ coap: { address: '127.0.0.1', port: 0 }, bootstrap: { address: '127.0.0.1', port: 0 }, json: false }, (l) => lines.push(l));
  try {
    assert.match(lines[0] ?? '', /^listening coap 127\.0\.0\.1:\d+$/);
    assert.match(lines[1] ?? '', /^listening bootstrap 127\.0\.0\.1:\d+$/);
    assert.ok(running.bootstrap);
  } finally {
    await running.close();
  }
  await assert.rejects(
    startServer({ coap: { address: '127.0.0.1', port: 0 }, json: false, objects: join(tmpdir(), 'lwm2m-hil-no-such-ddf-dir') }, () => undefined),
    (e: unknown) => e instanceof UsageError && /--objects/.test(e.message),
  );
});
