import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../random.ts';
import { decode, encode } from './codec.ts';
import { CoapEndpoint } from './endpoint.ts';
import { FakeClock } from './testing/fake-clock.ts';
import { createEndpointPair, ScriptedPeer } from './testing/setup.ts';
import { createTransportPair } from './testing/transport-pair.ts';
import { OptionNumber } from './options.ts';

const SERVER = { address: '127.0.0.1', port: 5683 };
const DEVICE = { address: '127.0.0.1', port: 56830 };

function serverWithDevice(seed: number): { clock: FakeClock; endpoint: CoapEndpoint; device: ScriptedPeer } {
  const clock = new FakeClock();
  const [mine, theirs] = createTransportPair(SERVER, DEVICE);
  const endpoint = new CoapEndpoint({ transport: mine, clock, random: new Random(seed) });
  return { clock, endpoint, device: new ScriptedPeer(theirs) };
}

test('an unknown critical option gets 4.02 Bad Option without calling the handler', async () => {
  const pair = createEndpointPair(11);
  let calls = 0;
  pair.server.setRequestHandler(() => {
    calls++;
    return { code: '2.05' };
  });
  const response = await pair.clock.run(
    pair.client.request(SERVER, { method: 'GET', path: ['3'], extraOptions: [{ number: 2001, value: Buffer.from([1]) }] }),
  );
  assert.equal(response.code, '4.02');
  assert.equal(calls, 0);
  assert.match(pair.server.trace.entries({ direction: 'out' })[0]!.note ?? '', /critical option 2001/);
  const elective = await pair.clock.run(
    pair.client.request(SERVER, { method: 'GET', path: ['3'], extraOptions: [{ number: 2002, value: Buffer.from([1]) }] }),
  );
  assert.equal(elective.code, '2.05', 'an unknown elective option is ignored');
  pair.close();
});

test('a throwing or rejecting handler answers 5.00 and leaves no unhandled rejection', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  process.on('unhandledRejection', onUnhandled);
  try {
    const pair = createEndpointPair(12);
    pair.server.setRequestHandler((req) => {
      if (req.path[0] === 'sync') throw new Error('boom');
      return Promise.reject(new Error('async boom'));
    });
    for (const path of ['sync', 'async']) {
      const response = await pair.clock.run(pair.client.request(SERVER, { method: 'GET', path: [path] }));
      assert.equal(response.code, '5.00');
    }
    const notes = pair.server.trace.entries({ direction: 'in' }).map((e) => e.note ?? '');
    assert.ok(notes.some((n) => n.includes('request handler failed: boom')));
    assert.ok(notes.some((n) => n.includes('request handler failed: async boom')));
    await pair.clock.drain();
    pair.close();
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  assert.deepEqual(unhandled, []);
});

test('a malformed CON with a readable header gets RST; an unreadable datagram is only traced', async () => {
  const { clock, endpoint, device } = serverWithDevice(13);
  device.transport.peer!.deliver(Buffer.from('40011234f0', 'hex'), DEVICE);
  device.transport.peer!.deliver(Buffer.from('4001', 'hex'), DEVICE);
  await clock.drain();
  const entries = endpoint.trace.entries();
  assert.equal(entries[0]?.error, 'malformed CoAP message: bad option delta (reserved nibble 15)');
  assert.equal(entries[1]?.message?.type, 'RST');
  assert.equal(entries[1]?.message?.messageId, 0x1234);
  assert.match(entries[2]?.error ?? '', /truncated header/);
  assert.equal(entries.length, 3);
  assert.equal(device.received.length, 1);
  endpoint.close();
});

test('an Empty CON (ping) gets RST', async () => {
  const { clock, endpoint, device } = serverWithDevice(14);
  await device.send({ type: 'CON', code: '0.00', messageId: 77 });
  await clock.drain();
  assert.equal(device.received[0]?.type, 'RST');
  assert.equal(device.received[0]?.messageId, 77);
  endpoint.close();
});

test('a notification-like response with an unknown token gets RST', async () => {
  const { clock, endpoint, device } = serverWithDevice(15);
  await device.send({ type: 'NON', code: '2.05', token: Buffer.from('dead', 'hex'), options: [{ number: OptionNumber.Observe, value: Buffer.from([5]) }], payload: Buffer.from('x') });
  await clock.drain();
  assert.equal(device.received[0]?.type, 'RST');
  assert.match(endpoint.trace.entries({ direction: 'in' })[0]?.note ?? '', /unknown token/);
  endpoint.close();
});

test('no handler: 5.03; operation from the response tags the trace; Location-Path is sent', async () => {
  const pair = createEndpointPair(16);
  const none = await pair.clock.run(pair.client.request(SERVER, { method: 'POST', path: ['rd'] }));
  assert.equal(none.code, '5.03');
  pair.server.setRequestHandler(() => ({ code: '2.01', locationPath: ['rd', '5a3f'], operation: 'Register' }));
  const created = await pair.clock.run(pair.client.request(SERVER, { method: 'POST', path: ['rd'], query: ['ep=dev1'] }));
  assert.deepEqual(created.locationPath, ['rd', '5a3f']);
  assert.deepEqual(pair.server.trace.entries({ operation: 'Register' }).map((e) => e.direction), ['in', 'out']);
  pair.close();
});

test('a duplicate request arriving while the handler runs is not handled twice', async () => {
  const { clock, endpoint, device } = serverWithDevice(17);
  let calls = 0;
  endpoint.setRequestHandler(async () => {
    calls++;
    await clock.sleep(300);
    return { code: '2.05' };
  });
  const request = encode({ type: 'CON', code: '0.01', messageId: 500, token: Buffer.from([1]), options: [], payload: Buffer.alloc(0) });
  device.transport.peer!.deliver(request, DEVICE);
  device.transport.peer!.deliver(request, DEVICE);
  await clock.advance(400);
  assert.equal(calls, 1);
  assert.deepEqual(device.received.map((m) => `${m.type} ${m.code} ${m.messageId}`), ['ACK 2.05 500']);
  device.transport.peer!.deliver(request, DEVICE);
  await clock.drain();
  assert.equal(calls, 1);
  assert.equal(device.received.length, 2, 'a later duplicate gets the cached response again');
  assert.deepEqual(encode(device.received[1]!), encode(device.received[0]!));
  assert.equal(decode(request).messageId, 500);
  endpoint.close();
});
