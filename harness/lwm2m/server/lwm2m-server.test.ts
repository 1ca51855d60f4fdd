import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LwM2MServer } from './lwm2m-server.ts';
import { ScriptedCoap, jsonCodecs } from './testing/scripted-coap.ts';
import { ManualClock } from './testing/manual-clock.ts';
import { Random } from '../../random.ts';
import { TimeoutError } from '../../errors.ts';
import { Trace } from '../../coap/trace.ts';
import { UnknownClientError } from './protocol-error.ts';
import { QueuedRequestDropped } from './registration/queue-mode.ts';

const transport = {
  local: { address: '127.0.0.1', port: 5683 },
  send: async () => undefined,
  onMessage: () => () => undefined,
  close: async () => undefined,
};

async function setup(extra: { queueAwakeMs?: number; trace?: Trace } = {}) {
  const clock = new ManualClock();
  const coap = new ScriptedCoap(clock);
  const server = await LwM2MServer.start({ transport, clock, random: new Random(3), coap, codecs: jsonCodecs, operationTimeoutMs: 5000, ...extra });
  const register = async (query = ['ep=ep1', 'lt=60', 'lwm2m=1.0', 'b=U'], links = '</1/0>,</3/0>') =>
    coap.incoming({ method: 'POST', path: ['rd'], query, payload: Buffer.from(links), contentFormat: 40 });
  return { clock, coap, server, register };
}

test('Register answers 2.01 with /rd/<id> and emits registered', async () => {
  const { server, register } = await setup();
  const seen = server.waitFor('registered', (e) => e.registration.endpoint === 'ep1', 1000);
  const response = await register();
  const { registration } = await seen;
  assert.equal(response.code, '2.01');
  assert.deepEqual(response.locationPath, ['rd', registration.id]);
  assert.equal(server.get('ep1')?.lifetime, 60);
  assert.equal(server.registrations().length, 1);
});

test('Register without ep gets 4.00 and a protocolError with the reason in the trace', async () => {
  const trace = new Trace();
  const { server, coap, clock } = await setup({ trace });
  const entry = trace.add({ time: clock.now(), direction: 'in', local: transport.local, remote: { address: '127.0.0.1', port: 56830 }, bytes: Buffer.alloc(4) });
  const errors: string[] = [];
  server.on('protocolError', (e) => errors.push(`${e.code} ${e.reason}`));
  const response = await coap.incoming({ method: 'POST', path: ['rd'], query: ['lt=60'], payload: Buffer.from('</3/0>'), contentFormat: 40, traceIds: [entry.id] });
  assert.equal(response.code, '4.00');
  assert.equal(errors.length, 1);
  assert.match(errors[0] ?? '', /^4\.00 .*endpoint/);
  assert.match(trace.get(entry.id)?.error ?? '', /endpoint/);
});

test('unknown paths get 4.04, wrong methods 4.05, unknown registration ids 4.04', async () => {
  const { coap } = await setup();
  assert.equal((await coap.incoming({ method: 'GET', path: ['foo'] })).code, '4.04');
  assert.equal((await coap.incoming({ method: 'GET', path: ['rd'] })).code, '4.05');
  assert.equal((await coap.incoming({ method: 'PUT', path: ['rd', 'abc'] })).code, '4.05');
  assert.equal((await coap.incoming({ method: 'POST', path: ['rd', 'abc'] })).code, '4.04');
  assert.equal((await coap.incoming({ method: 'DELETE', path: ['rd', 'abc'] })).code, '4.04');
});

test('Update and De-register through the handler', async () => {
  const { server, coap, register } = await setup();
  const location = (await register()).locationPath ?? [];
  const updated = server.waitFor('updated', undefined, 1000);
  assert.equal((await coap.incoming({ method: 'POST', path: location, query: ['lt=20'] })).code, '2.04');
  assert.equal((await updated).registration.lifetime, 20);
  const gone = server.waitFor('deregistered', undefined, 1000);
  assert.equal((await coap.incoming({ method: 'DELETE', path: location })).code, '2.02');
  assert.equal((await gone).registration.endpoint, 'ep1');
  assert.equal(server.get('ep1'), undefined);
});

test('expired fires at exactly lt on the run clock', async () => {
  const { server, clock, register } = await setup();
  await register();
  const registeredAt = clock.now();
  const expired = server.waitFor('expired', undefined, 120_000);
  await clock.advance(60_000);
  const e = await expired;
  assert.equal(e.registration.expiresAt, registeredAt + 60_000);
  assert.equal(server.get('ep1'), undefined);
});

test('Read sends GET with Accept TLV to a 1.0 client and decodes the answer', async () => {
  const { server, coap, register } = await setup();
  await register();
  const entries = [{ path: { objectId: 3, instanceId: 0, resourceId: 0 }, value: 'ACME' }];
  coap.answer = () => ({ code: '2.05', contentFormat: 11542, payload: Buffer.from(JSON.stringify(entries)) });
  const result = await server.read('ep1', '/3/0');
  assert.equal(result.code, '2.05');
  assert.equal(result.success, true);
  assert.deepEqual(result.entries, entries);
  const sent = coap.sent.at(-1);
  assert.deepEqual(sent?.request, { method: 'GET', path: ['3', '0'], accept: 11542 });
  assert.equal(sent?.options?.operation, 'Read /3/0');
});

test('a 1.1 client is read with SenML CBOR; the root path prefixes requests', async () => {
  const { server, coap, register } = await setup();
  await register(['ep=ep1', 'lwm2m=1.1'], '</dm>;rt="oma.lwm2m",</dm/3/0>');
  coap.answer = () => ({ code: '4.06' });
  const result = await server.read('ep1', '/3/0/0');
  assert.equal(result.code, '4.06', 'error codes are reported, not thrown');
  assert.equal(result.success, false);
  assert.deepEqual(coap.sent.at(-1)?.request, { method: 'GET', path: ['dm', '3', '0', '0'], accept: 112 });
});

test('write, write-attributes, execute, create, delete, discover build the right requests', async () => {
  const { server, coap, register } = await setup();
  await register();
  const entry = { path: { objectId: 1, instanceId: 0, resourceId: 1 }, value: 20 };
  coap.answer = (_to, req) => {
    if (req.method === 'POST' && req.path.length === 1) return { code: '2.01', locationPath: ['3303', '7'] };
    if (req.method === 'GET') return { code: '2.05', contentFormat: 40, payload: Buffer.from('</3>,</3/0/1>;pmin=10;obs') };
    return { code: req.method === 'DELETE' ? '2.02' : '2.04' };
  };
  assert.equal((await server.write('ep1', '/1/0/1', [entry])).code, '2.04');
  assert.equal(coap.sent.at(-1)?.request.method, 'PUT');
  assert.equal(coap.sent.at(-1)?.request.contentFormat, 11542);
  await server.write('ep1', '/1/0', [entry], { mode: 'update' });
  assert.equal(coap.sent.at(-1)?.request.method, 'POST');
  await server.writeAttributes('ep1', '/3/0/13', { pmin: 5, pmax: 60, gt: 1.5, st: null, cancel: true });
  assert.deepEqual(coap.sent.at(-1)?.request, { method: 'PUT', path: ['3', '0', '13'], query: ['pmin=5', 'pmax=60', 'gt=1.5', 'st', 'cancel'] });
  await server.execute('ep1', '/3/0/4', [{ id: 0, value: 'a' }, { id: 1 }]);
  assert.equal(coap.sent.at(-1)?.request.payload?.toString(), "0='a',1");
  const created = await server.create('ep1', '/3303', [{ path: { objectId: 3303, instanceId: 0, resourceId: 5700 }, value: 21.5 }]);
  assert.deepEqual(created.created, { objectId: 3303, instanceId: 7 });
  assert.equal((await server.delete('ep1', '/3303/7')).code, '2.02');
  const discovered = await server.discover('ep1', '/3');
  assert.equal(coap.sent.at(-1)?.request.accept, 40);
  assert.deepEqual(discovered.links?.[1], { target: '/3/0/1', path: { objectId: 3, instanceId: 0, resourceId: 1 }, attributes: { pmin: '10', obs: true } });
});

test('an unanswered operation times out on the run clock; an unknown endpoint throws', async () => {
  const { server, coap, clock, register } = await setup();
  await register();
  coap.answer = () => undefined;
  const pending = server.read('ep1', '/3/0/1', { timeoutMs: 2000 });
  const check = assert.rejects(pending, TimeoutError);
  await clock.advance(2000);
  await check;
  await assert.rejects(server.read('nobody', '/3/0'), UnknownClientError);
});

test('queue mode: a read to a sleeping client waits for its Update, then goes out', async () => {
  const { server, coap, clock, register } = await setup({ queueAwakeMs: 10_000 });
  const events: string[] = [];
  server.on('awake', (e) => events.push(`awake ${e.endpoint}`));
  server.on('sleeping', (e) => events.push(`sleeping ${e.endpoint}`));
  const location = (await register(['ep=q1', 'lt=600', 'lwm2m=1.0', 'b=UQ'])).locationPath ?? [];
  await clock.advance(10_000);
  assert.equal(server.isAwake('q1'), false);
  coap.answer = () => ({ code: '2.05', contentFormat: 11542, payload: Buffer.from('[]') });
  const before = coap.sent.length;
  const read = server.read('q1', '/3/0');
  await clock.advance(5_000);
  assert.equal(coap.sent.length, before, 'held while asleep');
  await coap.incoming({ method: 'POST', path: location });
  assert.equal((await read).code, '2.05');
  assert.equal(coap.sent.length, before + 1);
  assert.deepEqual(events, ['awake q1', 'sleeping q1', 'awake q1']);
  const held = server.read('q1', '/3/0');
  await clock.advance(10_001);
  const late = server.read('q1', '/3/0');
  const dropped = assert.rejects(late, QueuedRequestDropped);
  await held;
  await coap.incoming({ method: 'DELETE', path: location });
  await dropped;
});

test('observe: notifications are decoded and recorded; a new Register cancels observations', async () => {
  const { server, coap, clock, register } = await setup();
  await register();
  const value = (v: number) => Buffer.from(JSON.stringify([{ path: { objectId: 3, instanceId: 0, resourceId: 13 }, value: v }]));
  coap.answer = () => ({ code: '2.05', observe: 1, contentFormat: 11542, payload: value(100) });
  const got: number[] = [];
  const handle = await server.observe('ep1', '/3/0/13', { onNotification: (n) => got.push(n.sequence ?? -1) });
  assert.equal(handle.active, true);
  assert.deepEqual(handle.first.entries?.[0]?.value, 100);
  assert.equal(coap.sent.at(-1)?.request.observe, 0);
  await clock.advance(1000);
  const evt = server.waitFor('notification', undefined, 1000);
  coap.notify(0, { observe: 2, contentFormat: 11542, payload: value(101) });
  const n = (await evt).notification;
  assert.equal(n.entries?.[0]?.value, 101);
  assert.equal(n.receivedAt, clock.now());
  assert.deepEqual(got, [2]);
  assert.equal(server.observations('ep1').length, 1);
  await register();
  assert.equal(handle.active, false);
  assert.equal(handle.endReason, 'new registration');
  assert.equal(coap.cancelledWith(0), 'rst');
  assert.equal(server.observations('ep1').length, 0);
});

test('observe cancel with GET is passed to the CoAP layer', async () => {
  const { server, coap, register } = await setup();
  await register();
  coap.answer = () => ({ code: '2.05', observe: 1, contentFormat: 11542, payload: Buffer.from('[]') });
  const handle = await server.observe('ep1', '/3/0/13');
  await handle.cancel('get');
  assert.equal(handle.active, false);
  assert.equal(coap.cancelledWith(0), 'get');
});

test('waitFor with since sees an event that already happened', async () => {
  const { server, clock, register } = await setup();
  const t0 = clock.now();
  await register();
  const e = await server.waitFor('registered', undefined, 10, { since: t0 });
  assert.equal(e.registration.endpoint, 'ep1');
  const never = server.waitFor('deregistered', undefined, 500);
  const check = assert.rejects(never, TimeoutError);
  await clock.advance(500);
  await check;
  await server.close();
  assert.equal(clock.pending, 0, 'close stops the expiry timer');
});
