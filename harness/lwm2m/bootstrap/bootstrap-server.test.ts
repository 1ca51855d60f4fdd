import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BootstrapServer } from './bootstrap-server.ts';
import type { BootstrapConfig } from './bootstrap-config.ts';
import { RawClient, type RawAnswer, type RawRequest } from '../server/testing/raw-client.ts';
import { VirtualClock } from '../../clock/virtual-clock.ts';
import { SimNetwork } from '../../net/sim-network.ts';
import { Random } from '../../random.ts';
import { decodeContent } from '../codecs/index.ts';

const KEY = Buffer.from('00112233445566778899aabbccddeeff', 'hex');

const CONFIG: BootstrapConfig = {
  delete: ['/'],
  servers: [
    {
      serverUri: 'coaps://127.0.0.1:5684',
      securityMode: 'psk',
      shortServerId: 101,
      lifetime: 300,
      binding: 'UQ',
      psk: { identity: 'dev-1', key: KEY },
    },
  ],
  discover: '/',
};

async function setup(handler: (req: RawRequest) => RawAnswer) {
  const clock = new VirtualClock({ installGlobally: false });
  const random = new Random(9);
  const net = new SimNetwork({ clock, random: random.fork() });
  const bsTransport = net.bind({ address: '127.0.0.1', port: 5783 });
  const clientTransport = net.bind({ address: '127.0.0.1', port: 56831 });
  const bs = await BootstrapServer.start({ transport: bsTransport, clock, random, configs: { 'dev-1': CONFIG } });
  const client = new RawClient(clientTransport, bsTransport.local);
  client.handler = handler;
  return { clock, bs, client };
}

const conformant = (req: RawRequest): RawAnswer => {
  if (req.method === 'DELETE') return { code: '2.02' };
  if (req.method === 'PUT') return { code: '2.04' };
  if (req.method === 'GET') return { code: '2.05', contentFormat: 40, payload: Buffer.from('lwm2m="1.0",</0/0>;ssid=101,</1/0>;ssid=101,</3/0>') };
  if (req.method === 'POST' && req.path.join('/') === 'bs') return { code: '2.04' };
  return { code: '4.04' };
};

test('client-initiated bootstrap: 2.04, then Delete, Writes, Discover, Finish in order', async () => {
  const { clock, bs, client } = await setup(conformant);
  const requested = bs.waitFor('bootstrapRequested', undefined, 10_000);
  const finished = bs.waitFor('bootstrapFinished', undefined, 600_000);
  const answer = await clock.runUntil(client.request('POST', ['bs'], ['ep=dev-1']));
  assert.equal(answer.code, '2.04');
  assert.equal((await requested).endpoint, 'dev-1');
  const { session } = await clock.runUntil(finished);
  assert.equal(session.outcome, 'finished');
  assert.equal(session.initiatedBy, 'client');
  assert.deepEqual(
    client.received.map((r) => `${r.method} /${r.path.join('/')}`),
    ['DELETE /', 'PUT /0/0', 'PUT /1/0', 'GET /', 'POST /bs'],
  );
  assert.deepEqual(session.steps.map((s) => `${s.operation} ${s.code}`), [
    'Bootstrap-Delete / 2.02',
    'Bootstrap-Write /0/0 2.04',
    'Bootstrap-Write /1/0 2.04',
    'Bootstrap-Discover / 2.05',
    'Bootstrap-Finish 2.04',
  ]);
  assert.equal(client.received[3]?.accept, 40);
  assert.deepEqual(session.steps[3]?.links?.map((l) => l.target), ['', '/0/0', '/1/0', '/3/0']);

  const security = client.received[1];
  assert.equal(security?.contentFormat, 11542);
  const sec = decodeContent(11542, security?.payload ?? Buffer.alloc(0), { path: { objectId: 0, instanceId: 0 } });
  const byRes = new Map(sec.map((e) => [e.path.resourceId, e.value]));
  assert.equal(byRes.get(0), 'coaps://127.0.0.1:5684');
  assert.equal(byRes.get(1), false);
  assert.equal(byRes.get(2), 0);
  assert.deepEqual(byRes.get(3), Buffer.from('dev-1'));
  assert.deepEqual(byRes.get(5), KEY);
  assert.equal(byRes.get(10), 101);
  const srv = decodeContent(11542, client.received[2]?.payload ?? Buffer.alloc(0), { path: { objectId: 1, instanceId: 0 } });
  const srvRes = new Map(srv.map((e) => [e.path.resourceId, e.value]));
  assert.equal(srvRes.get(0), 101);
  assert.equal(srvRes.get(1), 300);
  assert.equal(srvRes.get(7), 'UQ');

  const keyHex = KEY.toString('hex');
  assert.ok(!JSON.stringify(bs.trace?.toJSON()).includes(keyHex), 'the PSK key is redacted in the trace JSON');
  assert.ok(!(bs.trace?.renderAll() ?? '').includes(keyHex));
  assert.ok(!JSON.stringify(session).includes(keyHex), 'the session record carries no key');
  await bs.close();
});

test('a write answered with an error fails the bootstrap with the reason', async () => {
  const { clock, bs, client } = await setup((req) => (req.method === 'PUT' && req.path[0] === '1' ? { code: '4.00' } : conformant(req)));
  const failed = bs.waitFor('bootstrapFailed', undefined, 600_000);
  await clock.runUntil(client.request('POST', ['bs'], ['ep=dev-1']));
  const { reason, session } = await clock.runUntil(failed);
  assert.equal(reason, 'Bootstrap-Write /1/0 answered 4.00');
  assert.equal(session.outcome, 'failed');
  assert.equal(client.received.some((r) => r.path.join('/') === 'bs'), false, 'no Finish after a failed write');
  await bs.close();
});

test('Bootstrap-Request without ep or for an unknown endpoint gets 4.00; wrong method 4.05', async () => {
  const { clock, bs, client } = await setup(conformant);
  assert.equal((await clock.runUntil(client.request('POST', ['bs'], []))).code, '4.00');
  assert.equal((await clock.runUntil(client.request('POST', ['bs'], ['ep=stranger']))).code, '4.00');
  assert.equal((await clock.runUntil(client.request('GET', ['bs'], ['ep=dev-1']))).code, '4.05');
  assert.equal((await clock.runUntil(client.request('POST', ['rd'], ['ep=dev-1']))).code, '4.04');
  assert.equal(bs.recorded('protocolError').length, 4);
  assert.equal(client.received.length, 0, 'no script was started');
  await bs.close();
});

test('server-initiated bootstrap runs the same script toward a known address', async () => {
  const { clock, bs, client } = await setup(conformant);
  const session = await clock.runUntil(bs.bootstrap('dev-1', client.transport.local));
  assert.equal(session.outcome, 'finished');
  assert.equal(session.initiatedBy, 'server');
  assert.equal(client.received.length, 5);
  await bs.close();
});

test('an unanswered step fails the session after the step timeout', async () => {
  const { clock, bs, client } = await setup(conformant);
  client.close(); // the client hears nothing any more
  const session = await clock.runUntil(bs.bootstrap('dev-1', client.transport.local));
  assert.equal(session.outcome, 'failed');
  assert.match(session.reason ?? '', /Bootstrap-Delete/);
  await bs.close();
});
