import { test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { RealClock } from '../../harness/clock/real-clock.ts';
import { Random } from '../../harness/random.ts';
import { DatagramSocketAdapter } from './dgram-adapter.ts';
import { ClientCoap } from './client-coap.ts';
import { LoopbackUdp } from './testing/loopback-udp.ts';
import { RawCoapPeer, optionStrings } from './testing/raw-coap-peer.ts';

test('adapter passes for a dgram.Socket and reports the transport address', async () => {
  const udp = await LoopbackUdp.open();
  const adapter = new DatagramSocketAdapter(udp);
  try {
    assert.ok(adapter instanceof dgram.Socket, 'node-coap resends cached answers only to a dgram.Socket');
    assert.equal(adapter.type, 'udp4');
    assert.deepEqual(adapter.address(), { address: '127.0.0.1', family: 'IPv4', port: udp.local.port });
  } finally {
    adapter.close();
    await udp.close();
  }
});

test('adapter send accepts the offset/length form and calls back with the byte count', async () => {
  const a = await LoopbackUdp.open();
  const b = await LoopbackUdp.open();
  const adapter = new DatagramSocketAdapter(a);
  try {
    const got = new Promise<Buffer>((resolve) => b.onMessage((data) => resolve(data)));
    const bytes = await new Promise<number>((resolve, reject) => {
      adapter.send(Buffer.from('xxhelloxx'), 2, 5, b.local.port, '127.0.0.1', (err: Error | null, n: number) => (err ? reject(err) : resolve(n)));
    });
    assert.equal(bytes, 5);
    assert.equal((await got).toString(), 'hello');
  } finally {
    adapter.close();
    await a.close();
    await b.close();
  }
});

test('node-coap agent and server share one port; duplicates get the cached answer', async () => {
  const clock = new RealClock();
  const clientUdp = await LoopbackUdp.open();
  const peerUdp = await LoopbackUdp.open();
  const peer = new RawCoapPeer(peerUdp, clock);
  peer.onRequest(() => ({ code: '2.01', options: [{ name: 'Location-Path', value: Buffer.from('rd') }, { name: 'Location-Path', value: Buffer.from('abc') }] }));
  let handled = 0;
  const client = new ClientCoap(clientUdp, new Random(7), (req, res) => {
    handled += 1;
    res.respond('2.05', Buffer.from(`path=${req.path.join('/')}`), 0);
  });
  try {
    const response = await client.request(peer.local, { method: 'POST', path: ['rd'], query: ['ep=dev', 'lt=60'] });
    assert.equal(response.code, '2.01');
    assert.deepEqual(response.locationPath, ['rd', 'abc']);
    const registerSeen = peer.requests()[0];
    assert.ok(registerSeen);
    assert.equal(registerSeen.from.port, clientUdp.local.port);
    assert.deepEqual(optionStrings(registerSeen.packet, 'Uri-Query'), ['ep=dev', 'lt=60']);

    const answer = await peer.request(clientUdp.local, { code: 'GET', path: '/3/0/1', token: Buffer.from([1, 2]) });
    assert.equal(answer.packet.code, '2.05');
    assert.equal(answer.packet.payload.toString(), 'path=3/0/1');
    assert.ok(answer.packet.ack, 'answered piggybacked in the ACK');
    assert.equal(answer.from.port, clientUdp.local.port);

    // The same CON again (same message id): answered from node-coap's cache, not handled twice.
    const before = peer.received.length;
    await peer.send(clientUdp.local, { code: 'GET', messageId: 4242, token: Buffer.from([9]), confirmable: true, options: [{ name: 'Uri-Path', value: Buffer.from('x') }] });
    await peer.waitFor((r) => r.packet.messageId === 4242, 5000, before);
    const handledOnce = handled;
    await peer.send(clientUdp.local, { code: 'GET', messageId: 4242, token: Buffer.from([9]), confirmable: true, options: [{ name: 'Uri-Path', value: Buffer.from('x') }] });
    const again = await peer.waitFor((r) => r.packet.messageId === 4242, 5000, before + 1);
    assert.equal(again.packet.payload.toString(), 'path=x');
    assert.equal(handled, handledOnce, 'duplicate not handled again');
  } finally {
    client.close();
    peer.close();
    await clientUdp.close();
    await peerUdp.close();
  }
});

test('the inbound hook can drop a datagram or hand node-coap a replacement', async () => {
  const a = await LoopbackUdp.open();
  const b = await LoopbackUdp.open();
  const adapter = new DatagramSocketAdapter(a, {
    inbound: (data) => (data.toString() === 'drop' ? false : data.toString() === 'swap' ? Buffer.from('swapped') : true),
  });
  try {
    const seen: string[] = [];
    const third = new Promise<void>((resolve) =>
      adapter.on('message', (data: Buffer) => {
        seen.push(data.toString());
        if (seen.length === 2) resolve();
      }),
    );
    for (const text of ['drop', 'swap', 'keep']) await b.send(Buffer.from(text), a.local);
    await third;
    assert.deepEqual(seen, ['swapped', 'keep']);
  } finally {
    adapter.close();
    await a.close();
    await b.close();
  }
});

test('a send callback that throws on a failed send becomes an adapter error event, not an unhandled rejection', async () => {
  const failing = {
    local: { address: '127.0.0.1', port: 1 },
    send: () => Promise.reject(new Error('no DTLS session')),
    onMessage: () => () => undefined,
    close: async () => undefined,
  };
  const adapter = new DatagramSocketAdapter(failing);
  const errors: string[] = [];
  adapter.on('error', (e: Error) => errors.push(e.message));
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    adapter.send(Buffer.from('x'), 0, 1, 5683, '127.0.0.1', () => {
      throw new Error('listener-less emitter threw');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(errors, ['listener-less emitter threw']);
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    adapter.close();
  }
});
