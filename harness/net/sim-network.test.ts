import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock, VIRTUAL_EPOCH } from '../clock/virtual-clock.ts';
import { Random } from '../random.ts';
import { InputError } from '../errors.ts';
import { SimNetwork } from './sim-network.ts';
import type { SimDatagramEvent } from './sim-network.ts';
import type { Endpoint } from './transport.ts';
import { PortInUseError, TransportClosedError } from './errors.ts';

function setup(seed = 1, defaultLatencyMs = 0): { clock: VirtualClock; network: SimNetwork } {
  const clock = new VirtualClock({ installGlobally: false });
  return { clock, network: new SimNetwork({ clock, random: new Random(seed), defaultLatencyMs }) };
}

test('port 0 picks a free ephemeral port, the same one for the same seed; a taken port is refused', () => {
  const first = setup(42).network.bind({ address: '10.0.0.1' });
  const again = setup(42).network.bind({ address: '10.0.0.1', port: 0 });
  assert.equal(first.local.port, again.local.port);
  assert.ok(first.local.port >= 49152 && first.local.port <= 65535);
  const { network } = setup();
  network.bind({ address: 'server', port: 5683 });
  assert.throws(() => network.bind({ address: 'server', port: 5683 }), PortInUseError);
  assert.throws(() => network.bind({ address: '0.0.0.0', port: 5683 }), InputError);
  assert.throws(() => network.bind({ address: 'server', port: 70000 }), InputError);
});

test('a zero-latency request and reply complete before a 1 ms timeout: time holds still while in flight', async () => {
  const { clock, network } = setup();
  const server = network.bind({ address: 'server', port: 5683 });
  const client = network.bind({ address: '+15550001' }); // any text is an address (an MSISDN, later)
  server.onMessage((data, from) => void server.send(Buffer.from(`echo ${data.toString()}`), from));
  const answer = new Promise<string>((resolve, reject) => {
    const timeout = clock.setTimeout(() => reject(new Error('timed out')), 1);
    client.onMessage((data) => {
      timeout.cancel();
      resolve(data.toString());
    });
  });
  await client.send(Buffer.from('ping'), server.local);
  assert.equal(network.inFlight(), 1);
  assert.equal(await clock.runUntil(answer), 'echo ping');
  assert.equal(clock.now(), VIRTUAL_EPOCH);
});

test('latency > 0 delivers at the exact virtual time; per-link latency overrides the default', async () => {
  const { clock, network } = setup(1, 20);
  network.setLinkLatency('dut', 'server', 150);
  const server = network.bind({ address: 'server', port: 5683 });
  const dut = network.bind({ address: 'dut', port: 40000 });
  const other = network.bind({ address: 'other', port: 40000 });
  const arrivals: Array<[string, number]> = [];
  const done = new Promise<void>((resolve) => {
    server.onMessage((data, from) => {
      arrivals.push([`${from.address}:${data.toString()}`, clock.now() - VIRTUAL_EPOCH]);
      if (arrivals.length === 2) resolve();
    });
  });
  await dut.send(Buffer.from('a'), server.local);
  await other.send(Buffer.from('b'), server.local);
  await clock.runUntil(done);
  assert.deepEqual(arrivals, [['other:b', 20], ['dut:a', 150]]);
});

test('datagrams to an endpoint nobody listens on are dropped, counted and tapped', async () => {
  const { clock, network } = setup();
  const events: SimDatagramEvent[] = [];
  network.onDatagram((event) => events.push(event));
  const a = network.bind({ address: 'a', port: 1000 });
  const b = network.bind({ address: 'b', port: 2000 });
  await a.send(Buffer.from([1]), { address: 'nowhere', port: 9 });
  await a.send(Buffer.from([2]), b.local);
  await b.close();
  await clock.runUntil(clock.sleep(1));
  assert.deepEqual(events.map((e) => [e.id, e.fate, e.reason ?? '']), [
    [1, 'sent', ''], [2, 'sent', ''], [1, 'dropped', 'no-listener'], [2, 'dropped', 'no-listener'],
  ]);
  assert.deepEqual(network.stats(), { sent: 2, delivered: 0, dropped: 2 });
  await assert.rejects(b.send(Buffer.from([3]), a.local), TransportClosedError);
});

test('the sender may reuse its buffer after send', async () => {
  const { clock, network } = setup();
  const a = network.bind({ address: 'a', port: 1 });
  const b = network.bind({ address: 'b', port: 2 });
  const got = new Promise<string>((resolve) => b.onMessage((data) => resolve(data.toString())));
  const buffer = Buffer.from('first');
  await a.send(buffer, b.local);
  buffer.write('XXXXX');
  assert.equal(await clock.runUntil(got), 'first');
});

/** A small ping-pong workload with mixed latencies; returns what the tap saw. */
async function pingPongRun(seed: number): Promise<string[]> {
  const { clock, network } = setup(seed, 3);
  network.setLinkLatency('c1', 'srv', 0);
  const log: string[] = [];
  network.onDatagram((e) => log.push(`${e.time - VIRTUAL_EPOCH} ${e.fate} ${e.from.address}:${e.from.port}>${e.to.address}:${e.to.port} ${e.bytes.toString()}`));
  const server = network.bind({ address: 'srv', port: 5683 });
  server.onMessage((data, from) => void server.send(Buffer.from(`re-${data.toString()}`), from));
  const clients = ['c1', 'c2', 'c3'].map((address) => network.bind({ address }));
  let replies = 0;
  const done = new Promise<void>((resolve) => {
    for (const client of clients) {
      client.onMessage(() => {
        if (++replies === 30) resolve();
      });
    }
  });
  for (let round = 0; round < 10; round++) {
    clients.forEach((client, i) => clock.setTimeout(() => void client.send(Buffer.from(`${i}.${round}`), server.local), round * 2));
  }
  await clock.runUntil(done);
  return log;
}

test('the same seed gives the identical datagram sequence', async () => {
  const first = await pingPongRun(7);
  const second = await pingPongRun(7);
  assert.equal(first.length, 120);
  assert.deepEqual(second, first);
});

test('a receiver that throws is reported and does not stop delivery to others', async () => {
  const { clock, network } = setup();
  const a = network.bind({ address: 'a', port: 1 });
  const b = network.bind({ address: 'b', port: 2 });
  const errors: unknown[] = [];
  b.onError((e) => errors.push(e));
  b.onMessage(() => { throw new Error('bad receiver'); });
  const got = new Promise<Endpoint>((resolve) => b.onMessage((_data, from) => resolve(from)));
  await a.send(Buffer.from('x'), b.local);
  assert.deepEqual(await clock.runUntil(got), { address: 'a', port: 1 });
  assert.equal(errors.length, 1);
});
