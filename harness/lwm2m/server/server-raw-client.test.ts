import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LwM2MServer } from './lwm2m-server.ts';
import { RawClient, type RawRequest } from './testing/raw-client.ts';
import { VirtualClock } from '../../clock/virtual-clock.ts';
import { SimNetwork } from '../../net/sim-network.ts';
import { Random } from '../../random.ts';

// TLV golden bytes written by hand from the TS encoding rules (type byte, 8-bit id, value):
// /3/0/0 Manufacturer "ACME" and /3/0/9 Battery Level 87.
const DEVICE_TLV = Buffer.from('c400' + Buffer.from('ACME').toString('hex') + 'c10957', 'hex');
const BATTERY_87 = Buffer.from('c10957', 'hex');
const BATTERY_86 = Buffer.from('c10956', 'hex');

async function setup() {
  const clock = new VirtualClock({ installGlobally: false });
  const random = new Random(42);
  const net = new SimNetwork({ clock, random: random.fork() });
  const serverTransport = net.bind({ address: '127.0.0.1', port: 5683 });
  const clientTransport = net.bind({ address: '127.0.0.1', port: 56830 });
  const server = await LwM2MServer.start({ transport: serverTransport, clock, random });
  const client = new RawClient(clientTransport, serverTransport.local);
  return { clock, server, client };
}

test('a raw client registers, is read, written, executed, observed and deregisters', async () => {
  const { clock, server, client } = await setup();
  const observeRequests: RawRequest[] = [];
  client.handler = (req) => {
    const path = '/' + req.path.join('/');
    if (req.method === 'GET' && req.observe === 0) {
      observeRequests.push(req);
      return { code: '2.05', contentFormat: 11542, payload: BATTERY_87, observe: 1 };
    }
    if (req.method === 'GET' && path === '/3/0') return { code: '2.05', contentFormat: 11542, payload: DEVICE_TLV };
    if (req.method === 'PUT' && path === '/1/0/1') return { code: '2.04' };
    if (req.method === 'POST' && path === '/3/0/4') return { code: '2.04' };
    return { code: '4.04' };
  };

  const registered = server.waitFor('registered', (e) => e.registration.endpoint === 'raw1', 10_000);
  const answer = await clock.runUntil(client.register(['ep=raw1', 'lt=300', 'lwm2m=1.0', 'b=U'], '</1/0>,</3/0>'));
  assert.equal(answer.code, '2.01');
  const { registration } = await registered;
  assert.deepEqual(RawClient.locationOf(answer), ['rd', registration.id]);
  assert.deepEqual(registration.address, { address: '127.0.0.1', port: 56830 });

  const read = await clock.runUntil(server.read('raw1', '/3/0'));
  assert.equal(read.code, '2.05');
  assert.deepEqual(read.entries?.map((e) => [e.path.resourceId, e.value]), [[0, 'ACME'], [9, 87]]);
  assert.equal(client.received.at(-1)?.accept, 11542, 'a 1.0 client is asked for TLV');
  assert.ok(read.traceIds.length >= 2, 'the exchange is traced');
  assert.ok(read.traceIds.every((id) => server.trace?.get(id)?.operation === 'Read /3/0'));

  const write = await clock.runUntil(server.write('raw1', '/1/0/1', [{ path: { objectId: 1, instanceId: 0, resourceId: 1 }, value: 120 }]));
  assert.equal(write.code, '2.04');
  const put = client.received.at(-1);
  assert.equal(put?.method, 'PUT');
  assert.equal(put?.contentFormat, 11542);
  assert.equal(put?.payload.toString('hex'), 'c10178');

  const exec = await clock.runUntil(server.execute('raw1', '/3/0/4'));
  assert.equal(exec.code, '2.04');
  assert.equal(client.received.at(-1)?.payload.length, 0);

  const missing = await clock.runUntil(server.read('raw1', '/5/0'));
  assert.equal(missing.code, '4.04');

  const observation = await clock.runUntil(server.observe('raw1', '/3/0/9'));
  assert.equal(observation.active, true);
  assert.equal(observation.first.entries?.[0]?.value, 87);
  const token = observeRequests[0]?.packet.token;
  assert.ok(token !== undefined);
  const notified = server.waitFor('notification', undefined, 10_000);
  await clock.runUntil(clock.sleep(5000));
  await clock.runUntil(client.notify(token, 2, BATTERY_86, 11542));
  const { notification } = await clock.runUntil(notified);
  assert.equal(notification.entries?.[0]?.value, 86);
  assert.equal(notification.sequence, 2);
  assert.equal(observation.notifications.length, 1);

  const gone = server.waitFor('deregistered', undefined, 10_000);
  const bye = await clock.runUntil(client.deregister(RawClient.locationOf(answer)));
  assert.equal(bye.code, '2.02');
  assert.equal((await gone).registration.endpoint, 'raw1');
  assert.equal(observation.active, false);
  await server.close();
  client.close();
});

test('a Register without ep is answered 4.00 on the wire', async () => {
  const { clock, server, client } = await setup();
  const errors = server.waitFor('protocolError', undefined, 10_000);
  const answer = await clock.runUntil(client.register(['lt=300', 'lwm2m=1.0'], '</3/0>'));
  assert.equal(answer.code, '4.00');
  const e = await errors;
  assert.match(e.reason, /endpoint/);
  assert.ok(e.traceIds.some((id) => server.trace?.get(id)?.error !== undefined));
  assert.equal(server.registrations().length, 0);
  await server.close();
});

test('lifetime expiry on the virtual clock removes the registration at exactly lt', async () => {
  const { clock, server, client } = await setup();
  await clock.runUntil(client.register(['ep=raw2', 'lt=86400', 'lwm2m=1.0'], '</3/0>'));
  const registeredAt = server.get('raw2')?.registeredAt ?? 0;
  const expired = await clock.runUntil(server.waitFor('expired', undefined, 2 * 86_400_000));
  assert.equal(expired.registration.endpoint, 'raw2');
  assert.equal(clock.now(), registeredAt + 86_400_000);
  await server.close();
});
