import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../random.ts';
import { CoapEndpoint } from './endpoint.ts';
import { contentFormat, encodeBlock, encodeUint, getBlock, getUintOption, OptionNumber } from './options.ts';
import { FakeClock } from './testing/fake-clock.ts';
import { createEndpointPair, ScriptedPeer } from './testing/setup.ts';
import { createTransportPair } from './testing/transport-pair.ts';

const SERVER = { address: '127.0.0.1', port: 5683 };
const DEVICE = { address: '127.0.0.1', port: 56830 };
const TLV = 11542;

function body(n: number): Buffer {
  return Buffer.from(Array.from({ length: n }, (_, i) => i % 251));
}

test('Block2: a large response is sliced by the server and reassembled by the client, Content-Format kept', async () => {
  const pair = createEndpointPair(31);
  let calls = 0;
  pair.server.setRequestHandler(() => {
    calls++;
    return { code: '2.05', contentFormat: TLV, payload: body(3000) };
  });
  const response = await pair.clock.run(pair.client.request(SERVER, { method: 'GET', path: ['3', '0'] }, { block2Size: 512, operation: 'Read /3/0' }));
  assert.equal(response.code, '2.05');
  assert.equal(response.contentFormat, TLV);
  assert.deepEqual(response.payload, body(3000));
  assert.equal(calls, 1, 'later blocks come from the cached representation');
  const requests = pair.server.trace.entries({ direction: 'in' }).map((e) => getBlock(e.message!, OptionNumber.Block2)?.num);
  assert.deepEqual(requests, [0, 1, 2, 3, 4, 5]);
  const responses = pair.server.trace.entries({ direction: 'out' }).map((e) => e.message!);
  assert.ok(responses.every((m) => contentFormat(m) === TLV));
  assert.equal(getUintOption(responses[0]!, OptionNumber.Size2), 3000);
  assert.equal(response.traceIds.length, 12);
  assert.equal(pair.client.trace.entries({ operation: 'Read /3/0' }).length, 12);
  pair.close();
});

test('Block2 without early negotiation uses the server block size (1024)', async () => {
  const pair = createEndpointPair(32);
  pair.server.setRequestHandler(() => ({ code: '2.05', contentFormat: 0, payload: body(2100) }));
  const response = await pair.clock.run(pair.client.request(SERVER, { method: 'GET', path: ['big'] }));
  assert.deepEqual(response.payload, body(2100));
  const sizes = pair.server.trace.entries({ direction: 'out' }).map((e) => e.message!.payload.length);
  assert.deepEqual(sizes, [1024, 1024, 52]);
  pair.close();
});

test('Block1: a large request body goes in blocks with Content-Format on each; the handler sees it whole', async () => {
  const pair = createEndpointPair(33);
  const seen: { payload: Buffer; contentFormat: number | undefined; traceIds: number }[] = [];
  pair.server.setRequestHandler((req) => {
    seen.push({ payload: req.payload, contentFormat: req.contentFormat, traceIds: req.traceIds.length });
    return { code: '2.04' };
  });
  const response = await pair.clock.run(
    pair.client.request(SERVER, { method: 'PUT', path: ['5', '0', '0'], contentFormat: 42, payload: body(2500) }, { block1Size: 256 }),
  );
  assert.equal(response.code, '2.04');
  assert.equal(seen.length, 1);
  assert.deepEqual(seen[0]!.payload, body(2500));
  assert.equal(seen[0]!.contentFormat, 42);
  assert.equal(seen[0]!.traceIds, 10, 'every block is in the request evidence');
  const sent = pair.client.trace.entries({ direction: 'out' }).map((e) => e.message!);
  assert.equal(sent.length, 10);
  assert.ok(sent.every((m) => contentFormat(m) === 42));
  assert.equal(getUintOption(sent[0]!, OptionNumber.Size1), 2500);
  const answers = pair.server.trace.entries({ direction: 'out' }).map((e) => e.message!.code);
  assert.deepEqual(answers, [...Array(9).fill('2.31'), '2.04']);
  const lastEcho = getBlock(pair.server.trace.entries({ direction: 'out' })[9]!.message!, OptionNumber.Block1);
  assert.deepEqual(lastEcho, { num: 9, more: false, size: 256 });
  pair.close();
});

test('Block1: the server asks for smaller blocks in 2.31 and the client follows', async () => {
  const clock = new FakeClock();
  const [mine, theirs] = createTransportPair(SERVER, DEVICE);
  const endpoint = new CoapEndpoint({ transport: mine, clock, random: new Random(34) });
  const device = new ScriptedPeer(theirs);
  const got: Buffer[] = [];
  device.onRequest = (m) => {
    const block = getBlock(m, OptionNumber.Block1)!;
    got.push(m.payload);
    const reply = block.more ? { code: '2.31', echo: { num: block.size === 512 ? 1 : block.num, more: true, size: 256 } } : { code: '2.04', echo: { ...block } };
    void device.send({ type: 'ACK', code: reply.code, messageId: m.messageId, token: m.token, options: [{ number: OptionNumber.Block1, value: encodeBlock(reply.echo) }] });
  };
  const response = await clock.run(endpoint.request(DEVICE, { method: 'PUT', path: ['5', '0', '0'], payload: body(1300) }, { block1Size: 512 }));
  assert.equal(response.code, '2.04');
  assert.deepEqual(got.map((b) => b.length), [512, 256, 256, 256, 20]);
  assert.deepEqual(Buffer.concat(got), body(1300));
  const nums = device.received.map((m) => getBlock(m, OptionNumber.Block1)!.num);
  assert.deepEqual(nums, [0, 2, 3, 4, 5]);
  endpoint.close();
});

test('Block1 errors: an out-of-order block gets 4.08, a too large body gets 4.13 with Size1', async () => {
  const clock = new FakeClock();
  const [mine, theirs] = createTransportPair(SERVER, DEVICE);
  const endpoint = new CoapEndpoint({ transport: mine, clock, random: new Random(35), maxRequestBytes: 1000 });
  endpoint.setRequestHandler(() => ({ code: '2.04' }));
  const device = new ScriptedPeer(theirs);
  const block = (num: number, more: boolean, size1?: number) => [
    { number: OptionNumber.UriPath, value: Buffer.from('x') },
    { number: OptionNumber.Block1, value: encodeBlock({ num, more, size: 64 }) },
    ...(size1 ? [{ number: OptionNumber.Size1, value: encodeUint(size1) }] : []),
  ];
  await device.send({ type: 'CON', code: '0.03', token: Buffer.from([1]), options: block(0, true), payload: body(64) });
  await device.send({ type: 'CON', code: '0.03', token: Buffer.from([1]), options: block(2, true), payload: body(64) });
  await device.send({ type: 'CON', code: '0.03', token: Buffer.from([2]), options: block(0, true, 5000), payload: body(64) });
  await clock.drain();
  assert.deepEqual(device.received.map((m) => m.code), ['2.31', '4.08', '4.13']);
  assert.equal(getUintOption(device.received[2]!, OptionNumber.Size1), 1000);
  assert.deepEqual(getBlock(device.received[0]!, OptionNumber.Block1), { num: 0, more: true, size: 64 });
  endpoint.close();
});

test('Block2 request past the end gets 4.02; a request with SZX 7 gets 4.00', async () => {
  const { clock, endpoint, device } = (() => {
    const c = new FakeClock();
    const [mine, theirs] = createTransportPair(SERVER, DEVICE);
    const e = new CoapEndpoint({ transport: mine, clock: c, random: new Random(36) });
    return { clock: c, endpoint: e, device: new ScriptedPeer(theirs) };
  })();
  endpoint.setRequestHandler(() => ({ code: '2.05', payload: body(100) }));
  const path = { number: OptionNumber.UriPath, value: Buffer.from('y') };
  await device.send({ type: 'CON', code: '0.01', options: [path, { number: OptionNumber.Block2, value: encodeBlock({ num: 3, more: false, size: 64 }) }] });
  await device.send({ type: 'CON', code: '0.01', options: [path, { number: OptionNumber.Block2, value: Buffer.from([0x07]) }] });
  await clock.drain();
  assert.deepEqual(device.received.map((m) => m.code), ['4.02', '4.00']);
  endpoint.close();
});
