import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TimeoutError } from '../errors.ts';
import { Random } from '../random.ts';
import { CoapResetError } from './coap-errors.ts';
import { decode } from './codec.ts';
import { CoapEndpoint } from './endpoint.ts';
import { FakeClock } from './testing/fake-clock.ts';
import { createEndpointPair, ScriptedPeer } from './testing/setup.ts';
import { createTransportPair } from './testing/transport-pair.ts';
import { uriPath } from './options.ts';

const SERVER = { address: '127.0.0.1', port: 5683 };
const CLIENT = { address: '127.0.0.1', port: 56830 };

test('request gets a piggybacked response; the trace carries the operation', async () => {
  const pair = createEndpointPair();
  pair.server.setRequestHandler((req) => ({ code: '2.05', contentFormat: 0, payload: Buffer.from(`hello ${req.path.join('/')}?${req.query.join('&')}`) }));
  const response = await pair.clock.run(pair.client.request(SERVER, { method: 'GET', path: ['3', '0', '1'], query: ['a=1'] }, { operation: 'Read /3/0/1' }));
  assert.equal(response.code, '2.05');
  assert.equal(response.contentFormat, 0);
  assert.equal(response.payload.toString(), 'hello 3/0/1?a=1');
  assert.equal(response.message.type, 'ACK');
  assert.equal(response.traceIds.length, 2);
  const lines = response.traceIds.map((id) => pair.client.trace.render(pair.client.trace.get(id)!));
  assert.match(lines[0]!, /-> 127\.0\.0\.1:5683 CON 0\.01 mid=\d+ tok=[0-9a-f]{8} \/3\/0\/1\?a=1 \[Read \/3\/0\/1\]/);
  assert.match(lines[1]!, /<- 127\.0\.0\.1:5683 ACK 2\.05 .* \[Read \/3\/0\/1\]/);
  pair.close();
});

test('an unanswered CON is retransmitted with exponential back-off, then fails with TimeoutError', async () => {
  const times: number[] = [];
  for (const attempt of [0, 1]) {
    const clock = new FakeClock();
    const [transport] = createTransportPair(CLIENT, SERVER);
    const endpoint = new CoapEndpoint({ transport, clock, random: new Random(42) });
    const start = clock.now();
    const error = await clock.run(endpoint.request(SERVER, { method: 'GET', path: ['x'] })).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof TimeoutError, `expected TimeoutError, got ${String(error)}`);
    const sent = endpoint.trace.entries({ direction: 'out' }).map((e) => e.time - start);
    assert.equal(sent.length, 5, 'one transmission and MAX_RETRANSMIT=4 retransmissions');
    const first = sent[1]!;
    assert.ok(first >= 2000 && first <= 3000, `initial timeout ${first} within [ACK_TIMEOUT, ACK_TIMEOUT*ACK_RANDOM_FACTOR]`);
    assert.deepEqual(sent, [0, first, 3 * first, 7 * first, 15 * first]);
    assert.equal(clock.now() - start, 31 * first, 'gives up one doubled timeout after the last retransmission');
    assert.ok(new Set(endpoint.trace.entries({ direction: 'out' }).map((e) => e.message?.messageId)).size === 1, 'same message id');
    times.push(first);
    endpoint.close();
  }
  assert.equal(times[0], times[1], 'the same seed gives the same timing');
});

test('retransmission recovers from lost datagrams and the handler runs once', async () => {
  const pair = createEndpointPair(3);
  let dropped = 0;
  pair.clientTransport.filter = () => (dropped++ < 2 ? 'drop' : 'deliver');
  let calls = 0;
  pair.server.setRequestHandler(() => {
    calls++;
    return { code: '2.04' };
  });
  const response = await pair.clock.run(pair.client.request(SERVER, { method: 'POST', path: ['rd', 'a'] }));
  assert.equal(response.code, '2.04');
  assert.equal(calls, 1);
  assert.equal(pair.client.trace.entries({ direction: 'out' }).length, 3);
  pair.close();
});

test('a lost ACK: the duplicate CON gets the cached response, the handler is not called again', async () => {
  const pair = createEndpointPair(4);
  let serverSends = 0;
  pair.serverTransport.filter = () => (serverSends++ === 0 ? 'drop' : 'deliver');
  let calls = 0;
  pair.server.setRequestHandler(() => ({ code: '2.05', payload: Buffer.from(`call ${++calls}`) }));
  const response = await pair.clock.run(pair.client.request(SERVER, { method: 'GET', path: ['3', '0'] }));
  assert.equal(calls, 1);
  assert.equal(response.payload.toString(), 'call 1');
  const serverOut = pair.server.trace.entries({ direction: 'out' });
  assert.equal(serverOut.length, 2);
  assert.deepEqual(serverOut[0]!.bytes, serverOut[1]!.bytes, 'the same bytes are sent again');
  assert.match(pair.server.trace.entries({ direction: 'in' })[1]!.note ?? '', /duplicate/);
  pair.close();
});

test('separate response: empty ACK first, then a CON response that the client ACKs', async () => {
  const pair = createEndpointPair(5);
  pair.server.setRequestHandler(async () => {
    await pair.clock.sleep(5000);
    return { code: '2.05', payload: Buffer.from('late') };
  });
  const response = await pair.clock.run(pair.client.request(SERVER, { method: 'GET', path: ['5', '0', '3'] }));
  assert.equal(response.payload.toString(), 'late');
  assert.equal(response.message.type, 'CON');
  const serverOut = pair.server.trace.entries({ direction: 'out' }).map((e) => `${e.message?.type} ${e.message?.code}`);
  assert.deepEqual(serverOut, ['ACK 0.00', 'CON 2.05']);
  const clientOut = pair.client.trace.entries({ direction: 'out' }).map((e) => `${e.message?.type} ${e.message?.code}`);
  assert.deepEqual(clientOut, ['CON 0.01', 'ACK 0.00'], 'no retransmission after the empty ACK; the CON response is ACKed');
  assert.equal(response.traceIds.length, 3);
  pair.close();
});

test('RST to a request rejects with CoapResetError', async () => {
  const clock = new FakeClock();
  const [mine, theirs] = createTransportPair(SERVER, CLIENT);
  const endpoint = new CoapEndpoint({ transport: mine, clock, random: new Random(6) });
  const device = new ScriptedPeer(theirs);
  device.onRequest = (m) => void device.send({ type: 'RST', code: '0.00', messageId: m.messageId });
  const error = await clock.run(endpoint.request(CLIENT, { method: 'GET', path: ['1'] })).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof CoapResetError);
  endpoint.close();
});

test('NON request gets a NON response', async () => {
  const pair = createEndpointPair(7);
  pair.server.setRequestHandler(() => ({ code: '2.05', payload: Buffer.from('n') }));
  const response = await pair.clock.run(pair.client.request(SERVER, { method: 'GET', path: ['n'], confirmable: false }));
  assert.equal(response.message.type, 'NON');
  assert.equal(response.payload.toString(), 'n');
  pair.close();
});

test('NSTART=1: a second request to the same peer waits for the first', async () => {
  const pair = createEndpointPair(8);
  const order: string[] = [];
  pair.server.setRequestHandler(async (req) => {
    order.push(`start ${req.path[0]}`);
    await pair.clock.sleep(100);
    order.push(`end ${req.path[0]}`);
    return { code: '2.05' };
  });
  const both = Promise.all([
    pair.client.request(SERVER, { method: 'GET', path: ['a'] }),
    pair.client.request(SERVER, { method: 'GET', path: ['b'] }),
  ]);
  await pair.clock.run(both);
  assert.deepEqual(order, ['start a', 'end a', 'start b', 'end b']);
  pair.close();
});

test('a request timeout on the run clock rejects with TimeoutError when only an empty ACK came', async () => {
  const clock = new FakeClock();
  const [mine, theirs] = createTransportPair(SERVER, CLIENT);
  const endpoint = new CoapEndpoint({ transport: mine, clock, random: new Random(9) });
  const device = new ScriptedPeer(theirs);
  device.onRequest = (m) => void device.send({ type: 'ACK', code: '0.00', messageId: m.messageId });
  const start = clock.now();
  const error = await clock.run(endpoint.request(CLIENT, { method: 'GET', path: ['1'] }, { timeoutMs: 10_000 })).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof TimeoutError);
  assert.equal(clock.now() - start, 10_000);
  assert.equal(device.received.length, 1, 'no retransmission once ACKed');
  assert.deepEqual(uriPath(decode(mine.sent[0]!.data)), ['1']);
  endpoint.close();
});
