/**
 * The Firmware Update state machine on the wire, for push (Write /5/0/0) and pull (Write /5/0/1, the client
 * fetches with CoAP Block2 from a package server), success and every download error the board can hit:
 * each case observes /5/0/3 State and /5/0/5 Update Result from the raw server and compares the exact
 * sequence of values (the Observe answer, then each notification).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContentFormat } from '../../harness/lwm2m/values.ts';
import { openBench, type Bench } from './testing/bench.ts';
import { openPackageServer, type PackageServerOptions } from './testing/package-server.ts';
import { emulatedPackage } from './objects/firmware-package.ts';

/** Pulled packages are larger than one CoAP block (Block2); pushed ones fit in one datagram of the raw server. */
const PULL_BODY = Buffer.alloc(3000, 0x5a);
const PUSH_BODY = Buffer.alloc(600, 0x5a);
const good = (body: Buffer = PULL_BODY): Buffer => emulatedPackage('2.0.0', { body });

/** A good package with one body byte flipped: the sha256 in its header no longer matches. */
function tampered(body: Buffer = PULL_BODY): Buffer {
  const pkg = good(body);
  pkg[pkg.length - 10] = (pkg[pkg.length - 10] as number) ^ 0x01;
  return pkg;
}

/** Packages the board refuses, with the Update Result it must report. */
const BAD_PACKAGES: Array<{ name: string; pkg: (body: Buffer) => Buffer; result: number }> = [
  { name: 'package whose image is larger than the free flash', pkg: (body) => emulatedPackage('2.0.0', { body, imageBytes: 1_000_000 }), result: 2 },
  { name: 'package whose download needs more RAM than the board has', pkg: (body) => emulatedPackage('2.0.0', { body, ramBytes: 1_000_000 }), result: 3 },
  { name: 'package whose body fails the sha256 check', pkg: tampered, result: 5 },
  { name: 'package with every byte inverted (no header left)', pkg: (body) => Buffer.from(good(body).map((b) => b ^ 0xff)), result: 5 },
  { name: 'delta package (the board installs full images)', pkg: (body) => emulatedPackage('2.0.0', { body, type: 'delta' }), result: 6 },
  { name: 'package in another container format (EMUFW2)', pkg: (body) => Buffer.concat([Buffer.from('EMUFW2 2.0.0\n'), body]), result: 6 },
];

interface Watch {
  states(): number[];
  results(): number[];
}

/** Observes /5/0/3 and /5/0/5; each list is the Observe answer then every notification, in order. */
async function watchFirmware(bench: Bench): Promise<Watch> {
  const values = (token: Buffer) => () => bench.peer.withToken(token).map((r) => Number(r.packet.payload.toString()));
  const stateToken = Buffer.from([0x0f, 0x03]);
  const resultToken = Buffer.from([0x0f, 0x05]);
  await request(bench, { code: 'GET', path: '/5/0/3', observe: 0, token: stateToken });
  await request(bench, { code: 'GET', path: '/5/0/5', observe: 0, token: resultToken });
  return { states: values(stateToken), results: values(resultToken) };
}

function request(bench: Bench, r: Parameters<Bench['peer']['request']>[1]) {
  return bench.clock.runUntil(bench.peer.request(bench.client.local, r));
}

async function withBench(run: (bench: Bench) => Promise<void>): Promise<void> {
  const bench = openBench({ bootDelayMs: 1000 });
  try {
    await bench.clock.runUntil(bench.client.start());
    await run(bench);
  } finally {
    await bench.close();
  }
}

async function push(bench: Bench, pkg: Buffer): Promise<string> {
  return (await request(bench, { code: 'PUT', path: '/5/0/0', contentFormat: ContentFormat.OPAQUE, payload: pkg })).packet.code;
}

async function pull(bench: Bench, uri: string): Promise<string> {
  return (await request(bench, { code: 'PUT', path: '/5/0/1', contentFormat: ContentFormat.TEXT, payload: Buffer.from(uri) })).packet.code;
}

/** Pulls `pkg` from a package server (Block2); returns the datagrams the server received. */
async function pullPackage(bench: Bench, pkg: Buffer, options: PackageServerOptions = {}, waitMs = 10_000): Promise<number> {
  const server = openPackageServer(bench, new Map([['/fw/pkg.bin', pkg]]), options);
  try {
    assert.equal(await pull(bench, server.uri('/fw/pkg.bin')), '2.04');
    await bench.clock.advance(waitMs);
    return server.received();
  } finally {
    server.close();
  }
}

test('push success: State 0 -> 1 -> 2 -> 3; the device comes back with the new version, State 0 and Update Result 1', async () => {
  await withBench(async (bench) => {
    const fw = await watchFirmware(bench);
    assert.equal(await push(bench, good(PUSH_BODY)), '2.04');
    await bench.clock.advance(100);
    assert.deepEqual(fw.states(), [0, 1, 2]);
    assert.equal((await request(bench, { code: 'POST', path: '/5/0/2' })).packet.code, '2.04');
    await bench.clock.advance(10_000);
    // The restart ends the observations (notifications still in flight may be lost with them); once the
    // device is back the server reads the outcome.
    assert.deepEqual(fw.states().slice(0, 4), [0, 1, 2, 3]);
    assert.equal(bench.client.status().state, 'registered');
    assert.equal(bench.client.status().firmwareVersion, '2.0.0');
    assert.equal((await request(bench, { code: 'GET', path: '/5/0/3' })).packet.payload.toString(), '0');
    assert.equal((await request(bench, { code: 'GET', path: '/5/0/5' })).packet.payload.toString(), '1');
  });
});

test('pull success: the client fetches the package block-wise; State 0 -> 1 -> 2, Update Result stays 0', async () => {
  await withBench(async (bench) => {
    const fw = await watchFirmware(bench);
    const datagrams = await pullPackage(bench, good());
    assert.ok(datagrams >= 3, `a ${good().length}-byte package takes several Block2 requests, got ${datagrams}`);
    assert.deepEqual(fw.states(), [0, 1, 2]);
    assert.deepEqual(fw.results(), [0]);
    assert.equal((await request(bench, { code: 'GET', path: '/5/0/7' })).packet.payload.toString(), '2.0.0');
  });
});

for (const bad of BAD_PACKAGES) {
  test(`push of a ${bad.name}: State 0 -> 1 -> 0, Update Result ${bad.result}`, async () => {
    await withBench(async (bench) => {
      const fw = await watchFirmware(bench);
      assert.equal(await push(bench, bad.pkg(PUSH_BODY)), '2.04');
      await bench.clock.advance(1000);
      assert.deepEqual(fw.states(), [0, 1, 0]);
      assert.deepEqual(fw.results(), [0, bad.result]);
    });
  });

  test(`pull of a ${bad.name}: State 0 -> 1 -> 0, Update Result ${bad.result}`, async () => {
    await withBench(async (bench) => {
      const fw = await watchFirmware(bench);
      await pullPackage(bench, bad.pkg(PULL_BODY));
      assert.deepEqual(fw.states(), [0, 1, 0]);
      assert.deepEqual(fw.results(), [0, bad.result]);
    });
  });
}

test('pull, connection lost: the package server stops answering mid-Block2; State 0 -> 1 -> 0, Update Result 4', async () => {
  await withBench(async (bench) => {
    const fw = await watchFirmware(bench);
    const big = emulatedPackage('2.0.0', { body: Buffer.alloc(8000, 0x33) });
    // Two blocks answered, then silence; the client retransmits, then gives up at MAX_TRANSMIT_WAIT (<= 93 s).
    const received = await pullPackage(bench, big, { answerDatagrams: 2 }, 60_000);
    assert.ok(received > 3, `the client asked for the third block again and again (${received} datagrams)`);
    assert.deepEqual(fw.states(), [0, 1], 'still Downloading while it retransmits');
    await bench.clock.advance(35_000);
    assert.deepEqual(fw.states(), [0, 1, 0], 'given up within 95 s of the unanswered block request, not after 247 s');
    assert.deepEqual(fw.results(), [0, 4]);
  });
});

const BAD_URIS: Array<{ uri: string; why: string; result: number }> = [
  { uri: 'co@p://10.0.0.9/fw/pkg.bin', why: 'a malformed scheme', result: 7 },
  { uri: 'coap:///fw/pkg.bin', why: 'no host', result: 7 },
  { uri: 'coap://bad host/fw/pkg.bin', why: 'a host with a space', result: 7 },
  { uri: 'coap://10.0.0.9:99999/fw/pkg.bin', why: 'a port out of range', result: 7 },
  { uri: 'http://10.0.0.9/fw/pkg.bin', why: 'http (the board pulls over CoAP only)', result: 9 },
  { uri: 'coaps://10.0.0.9/fw/pkg.bin', why: 'coaps (/5/0/8 says CoAP only)', result: 9 },
];

for (const bad of BAD_URIS) {
  test(`pull from a URI with ${bad.why}: State 0 -> 1 -> 0, Update Result ${bad.result}, nothing fetched`, async () => {
    await withBench(async (bench) => {
      const fw = await watchFirmware(bench);
      const server = openPackageServer(bench, new Map([['/fw/pkg.bin', good()]]));
      try {
        assert.equal(await pull(bench, bad.uri), '2.04');
        await bench.clock.advance(5000);
        assert.equal(server.received(), 0);
      } finally {
        server.close();
      }
      assert.deepEqual(fw.states(), [0, 1, 0]);
      assert.deepEqual(fw.results(), [0, bad.result]);
    });
  });
}

test('pull from a path the package server does not have (4.04): State 0 -> 1 -> 0, Update Result 7', async () => {
  await withBench(async (bench) => {
    const fw = await watchFirmware(bench);
    const server = openPackageServer(bench, new Map());
    try {
      assert.equal(await pull(bench, server.uri('/fw/missing.bin')), '2.04');
      await bench.clock.advance(5000);
      assert.equal(server.received(), 1);
    } finally {
      server.close();
    }
    assert.deepEqual(fw.states(), [0, 1, 0]);
    assert.deepEqual(fw.results(), [0, 7]);
  });
});

test('a new delivery starts from Update Result 0, and writing an empty URI resets a failed one to Idle / 0', async () => {
  await withBench(async (bench) => {
    const fw = await watchFirmware(bench);
    await push(bench, tampered(PUSH_BODY));
    await bench.clock.advance(100);
    assert.deepEqual(fw.results(), [0, 5]);
    await push(bench, good(PUSH_BODY));
    await bench.clock.advance(100);
    assert.deepEqual(fw.results(), [0, 5, 0]);
    assert.deepEqual(fw.states(), [0, 1, 0, 1, 2]);
    assert.equal(await pull(bench, ''), '2.04');
    await bench.clock.advance(1000);
    assert.deepEqual(fw.states(), [0, 1, 0, 1, 2, 0]);
  });
});
