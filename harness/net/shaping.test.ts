import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock, VIRTUAL_EPOCH } from '../clock/virtual-clock.ts';
import { RealClock } from '../clock/real-clock.ts';
import { Random } from '../random.ts';
import { InputError } from '../errors.ts';
import { SimNetwork } from './sim-network.ts';
import { shape } from './shaping.ts';
import type { ShapedTransport, ShapingEvent } from './shaping.ts';
import type { ShapingProfile } from './impairment.ts';
import type { Endpoint } from './transport.ts';
import { UdpTransport } from './udp-transport.ts';

interface Arrival {
  seq: number;
  at: number;
  bytes: Buffer;
  from: Endpoint;
}

/**
 * Sends `count` numbered datagrams one virtual millisecond apart from a shaped sender to a plain receiver
 * on a simulated network, and returns what arrived, in arrival order.
 */
async function runStream(seed: number, profile: ShapingProfile, count: number, size = 8): Promise<{ arrivals: Arrival[]; sender: ShapedTransport }> {
  const clock = new VirtualClock({ installGlobally: false });
  const random = new Random(seed);
  const network = new SimNetwork({ clock, random: random.fork() });
  const receiver = network.bind({ address: 'server', port: 5683 });
  const sender = shape(network.bind({ address: 'dut', port: 40000 }), profile, { clock, random: random.fork() });
  const arrivals: Arrival[] = [];
  receiver.onMessage((bytes, from) => arrivals.push({ seq: bytes.readUInt32BE(0), at: clock.now() - VIRTUAL_EPOCH, bytes, from }));
  const work = (async () => {
    for (let seq = 0; seq < count; seq++) {
      const datagram = Buffer.alloc(Math.max(size, 4), 0xa5);
      datagram.writeUInt32BE(seq, 0);
      await sender.send(datagram, receiver.local);
      await clock.sleep(1);
    }
    await clock.sleep(1000); // let held datagrams land
  })();
  await clock.runUntil(work);
  await network.close();
  return { arrivals, sender };
}

/** First arrivals that come after a higher sequence number already arrived. */
function lateFirstArrivals(arrivals: Arrival[]): number {
  const seen = new Set<number>();
  let highest = -1;
  let late = 0;
  for (const { seq } of arrivals) {
    if (seen.has(seq)) continue;
    seen.add(seq);
    if (seq < highest) late++;
    highest = Math.max(highest, seq);
  }
  return late;
}

test('over 10,000 datagrams, measured loss, duplication and reordering are within 2 points of the profile', async () => {
  const count = 10_000;
  const profile = { outbound: { loss: 0.1, duplicate: 0.05, reorder: 0.08, reorderDelayMs: 5 } };
  const { arrivals, sender } = await runStream(2024, profile, count);
  const unique = new Set(arrivals.map((a) => a.seq)).size;
  const loss = 1 - unique / count;
  const duplication = (arrivals.length - unique) / unique;
  const reordering = lateFirstArrivals(arrivals) / unique;
  assert.ok(Math.abs(loss - 0.1) <= 0.02, `loss ${loss}`);
  assert.ok(Math.abs(duplication - 0.05) <= 0.02, `duplication ${duplication}`);
  assert.ok(Math.abs(reordering - 0.08) <= 0.02, `reordering ${reordering}`);
  const counters = sender.counters().outbound;
  assert.equal(counters.offered, count);
  assert.equal(counters.droppedBy.loss, count - unique);
  assert.equal(counters.sent, arrivals.length);
  assert.equal(counters.duplicated, arrivals.length - unique);
});

test('the same seed gives the identical delivered sequence; another seed a different one', async () => {
  const profile = { outbound: { loss: 0.2, jitterMs: 4, duplicate: 0.1, reorder: 0.1, corrupt: 0.05 } };
  const signature = async (seed: number): Promise<string[]> =>
    (await runStream(seed, profile, 500)).arrivals.map((a) => `${a.at}:${a.bytes.toString('hex')}`);
  const first = await signature(99);
  assert.deepEqual(await signature(99), first);
  assert.notDeepEqual(await signature(100), first);
});

test('a blackout window drops everything inside it and nothing outside it', async () => {
  const { arrivals, sender } = await runStream(1, { blackouts: [{ fromMs: 100, toMs: 200 }] }, 300);
  const got = new Set(arrivals.map((a) => a.seq));
  for (let seq = 0; seq < 300; seq++) assert.equal(got.has(seq), seq < 100 || seq >= 200, `datagram ${seq}`);
  assert.equal(sender.counters().outbound.droppedBy.blackout, 100);
});

test('setBlackout(true) drops until setBlackout(false), and emits events', async () => {
  const clock = new VirtualClock({ installGlobally: false });
  const network = new SimNetwork({ clock, random: new Random(3) });
  const server = network.bind({ address: 'server', port: 5683 });
  const dut = shape(network.bind({ address: 'dut', port: 1 }), {}, { clock, random: new Random(4) });
  const events: ShapingEvent[] = [];
  dut.onEvent((e) => events.push(e));
  const got: string[] = [];
  server.onMessage((data) => got.push(data.toString()));
  await dut.send(Buffer.from('before'), server.local);
  dut.setBlackout(true);
  await dut.send(Buffer.from('during'), server.local);
  dut.setBlackout(false);
  await dut.send(Buffer.from('after'), server.local);
  await clock.runUntil(clock.sleep(1));
  assert.deepEqual(got, ['before', 'after']);
  assert.deepEqual(events.map((e) => `${e.kind}/${e.reason ?? ''}`), ['blackout-start/', 'dropped/blackout', 'blackout-end/']);
});

test('datagrams larger than the MTU are dropped and counted; at the MTU they pass', async () => {
  const clock = new VirtualClock({ installGlobally: false });
  const network = new SimNetwork({ clock, random: new Random(5) });
  const server = network.bind({ address: 'server', port: 5683 });
  const dut = shape(network.bind({ address: 'dut', port: 1 }), { outbound: { mtu: 100 } }, { clock, random: new Random(6) });
  const sizes: number[] = [];
  server.onMessage((data) => sizes.push(data.length));
  for (const size of [100, 101, 1500, 20]) await dut.send(Buffer.alloc(size), server.local);
  await clock.runUntil(clock.sleep(1));
  assert.deepEqual(sizes, [100, 20]);
  assert.equal(dut.counters().outbound.droppedBy.mtu, 2);
});

test('corruption flips exactly one bit of each corrupted datagram', async () => {
  const { arrivals, sender } = await runStream(11, { outbound: { corrupt: 1 } }, 200, 32);
  assert.equal(arrivals.length, 200);
  for (const [i, arrival] of arrivals.entries()) {
    const original = Buffer.alloc(32, 0xa5);
    original.writeUInt32BE(i, 0);
    let flipped = 0;
    for (let byte = 0; byte < 32; byte++) flipped += popcount((original[byte] ?? 0) ^ (arrival.bytes[byte] ?? 0));
    assert.equal(flipped, 1, `datagram ${i}`);
  }
  assert.equal(sender.counters().outbound.corrupted, 200);
});

test('delay and jitter: every datagram arrives between delay and delay + jitter', async () => {
  const { arrivals } = await runStream(8, { outbound: { delayMs: 40, jitterMs: 10 } }, 100);
  assert.equal(arrivals.length, 100);
  for (const a of arrivals) {
    const latency = a.at - a.seq;
    assert.ok(latency >= 40 && latency <= 50, `datagram ${a.seq} took ${latency} ms`);
  }
});

test('NAT rebinding: the server sees a new source; replies to it reach the device; the old mapping is stale', async () => {
  const clock = new VirtualClock({ installGlobally: false });
  const network = new SimNetwork({ clock, random: new Random(12) });
  const server = shape(network.bind({ address: 'server', port: 5683 }), {}, { clock, random: new Random(13) });
  const dut = network.bind({ address: 'dut', port: 40000 });
  const seenBy = { server: [] as Endpoint[], dut: [] as string[] };
  server.onMessage((_data, from) => seenBy.server.push(from));
  dut.onMessage((data) => seenBy.dut.push(data.toString()));
  const events: ShapingEvent[] = [];
  server.onEvent((e) => events.push(e));

  await dut.send(Buffer.from('register'), server.local);
  await clock.runUntil(clock.sleep(1));
  server.rebind();
  await dut.send(Buffer.from('update'), server.local);
  await clock.runUntil(clock.sleep(1));
  const [before, after] = seenBy.server;
  assert.deepEqual(before, { address: 'dut', port: 40000 });
  assert.ok(after && after.address === 'dut' && after.port !== 40000, `seen after rebind: ${JSON.stringify(after)}`);

  await server.send(Buffer.from('to-new'), after);
  await server.send(Buffer.from('to-old'), before);
  await clock.runUntil(clock.sleep(1));
  assert.deepEqual(seenBy.dut, ['to-new']);
  assert.equal(server.counters().outbound.droppedBy['nat-stale'], 1);
  assert.deepEqual(events.map((e) => e.kind), ['rebind', 'dropped']);

  server.rebind({ address: '198.51.100.7' });
  await dut.send(Buffer.from('again'), server.local);
  await clock.runUntil(clock.sleep(1));
  assert.equal(seenBy.server[2]?.address, '198.51.100.7');
});

test('inbound impairments and run-time profile changes apply to received datagrams', async () => {
  const clock = new VirtualClock({ installGlobally: false });
  const network = new SimNetwork({ clock, random: new Random(20) });
  const server = shape(network.bind({ address: 'server', port: 5683 }), { inbound: { loss: 1 } }, { clock, random: new Random(21) });
  const dut = network.bind({ address: 'dut', port: 1 });
  const got: string[] = [];
  server.onMessage((data) => got.push(data.toString()));
  await dut.send(Buffer.from('lost'), server.local);
  await clock.runUntil(clock.sleep(1));
  server.setProfile({ inbound: { delayMs: 250 } });
  await dut.send(Buffer.from('slow'), server.local);
  await clock.runUntil(clock.sleep(249));
  assert.deepEqual(got, []);
  await clock.runUntil(clock.sleep(1));
  assert.deepEqual(got, ['slow']);
  assert.equal(server.counters().inbound.droppedBy.loss, 1);
  assert.equal(server.counters().inbound.delayed, 1);
});

test('profiles are checked with errors that name the field', () => {
  const clock = new VirtualClock({ installGlobally: false });
  const network = new SimNetwork({ clock, random: new Random(1) });
  const inner = network.bind({ address: 'x', port: 1 });
  assert.throws(() => shape(inner, { outbound: { loss: 1.5 } }, { clock, random: new Random(1) }), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.match(error.message, /shaping\.outbound\.loss/);
    return true;
  });
  assert.throws(() => shape(inner, { blackouts: [{ fromMs: 10, toMs: 5 }] }, { clock, random: new Random(1) }), /ends before it starts/);
  assert.throws(() => shape(inner, { outbound: { lossy: 1 } } as unknown as ShapingProfile, { clock, random: new Random(1) }), /lossy is not a shaping setting/);
});

test('the shaper works on real UDP too (duplication on loopback)', async () => {
  const clock = new RealClock();
  const a = shape(await UdpTransport.open({ address: '127.0.0.1', port: 0 }), { outbound: { duplicate: 1 } }, { clock, random: new Random(1) });
  const b = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  try {
    const both = new Promise<string[]>((resolve) => {
      const got: string[] = [];
      b.onMessage((data) => {
        got.push(data.toString());
        if (got.length === 2) resolve(got);
      });
    });
    await a.send(Buffer.from('twice'), b.local);
    assert.deepEqual(await both, ['twice', 'twice']);
    assert.equal(a.counters().outbound.duplicated, 1);
  } finally {
    await a.close();
    await b.close();
  }
});

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}
