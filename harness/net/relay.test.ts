import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../clock/virtual-clock.ts';
import { RealClock } from '../clock/real-clock.ts';
import { Random } from '../random.ts';
import { SimNetwork } from './sim-network.ts';
import { shape } from './shaping.ts';
import { DatagramRelay } from './relay.ts';
import { openUdpShapingProxy } from './udp-shaping-proxy.ts';
import { UdpTransport } from './udp-transport.ts';
import type { Endpoint } from './transport.ts';

test('relay on the simulated network: answers come back; a NAT rebinding reaches the server as a new port', async () => {
  const clock = new VirtualClock({ installGlobally: false });
  const network = new SimNetwork({ clock, random: new Random(31) });
  const server = network.bind({ address: 'server', port: 5683 });
  const seenByServer: Endpoint[] = [];
  server.onMessage((data, from) => {
    seenByServer.push(from);
    void server.send(Buffer.from(`ack ${data.toString()}`), from);
  });
  const shaper = shape(network.bind({ address: 'proxy', port: 5683 }), {}, { clock, random: new Random(32) });
  const relay = new DatagramRelay({ downstream: shaper, target: server.local, openUpstream: async () => network.bind({ address: 'proxy-up' }) });
  const board = network.bind({ address: 'board', port: 56830 });
  const answers: string[] = [];
  board.onMessage((data) => answers.push(data.toString()));

  await board.send(Buffer.from('register'), shaper.local);
  await board.send(Buffer.from('update'), shaper.local);
  await clock.runUntil(clock.sleep(1));
  shaper.rebind();
  await board.send(Buffer.from('after-rebind'), shaper.local);
  await clock.runUntil(clock.sleep(1));

  assert.deepEqual(answers, ['ack register', 'ack update', 'ack after-rebind']);
  assert.equal(seenByServer.length, 3);
  assert.equal(seenByServer[0]?.address, 'proxy-up');
  assert.deepEqual(seenByServer[1], seenByServer[0]);
  assert.notEqual(seenByServer[2]?.port, seenByServer[0]?.port);
  assert.equal(relay.peers().length, 2);
  await relay.close();
  await network.close();
});

test('UDP shaping proxy on loopback: the board talks through it, shaped by the profile', async () => {
  const server = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const board = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const errors: unknown[] = [];
  const proxy = await openUdpShapingProxy({
    listen: { address: '127.0.0.1', port: 0 },
    target: server.local,
    profile: { outbound: { duplicate: 1 } }, // every answer reaches the board twice
    clock: new RealClock(),
    random: new Random(5),
    upstreamAddress: '127.0.0.1',
    onError: (error) => errors.push(error),
  });
  try {
    let serverSaw: Endpoint | undefined;
    server.onMessage((data, from) => {
      serverSaw = from;
      void server.send(Buffer.from(`echo ${data.toString()}`), from);
    });
    const two = new Promise<string[]>((resolve) => {
      const got: string[] = [];
      board.onMessage((data, from) => {
        assert.deepEqual(from, proxy.local);
        got.push(data.toString());
        if (got.length === 2) resolve(got);
      });
    });
    await board.send(Buffer.from('hi'), proxy.local);
    assert.deepEqual(await two, ['echo hi', 'echo hi']);
    assert.ok(serverSaw && serverSaw.port !== board.local.port, 'the server sees the proxy, not the board');
    assert.equal(proxy.shaper.counters().outbound.duplicated, 1);
    assert.deepEqual(errors, []);
  } finally {
    await proxy.close();
    await server.close();
    await board.close();
  }
});
