import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../clock/virtual-clock.ts';
import { SimNetwork } from '../../net/sim-network.ts';
import { Random } from '../../random.ts';
import { LwM2MServer } from '../server/lwm2m-server.ts';
import type { DecodedNotification } from '../server/information-reporting.ts';
import { ScriptedClient } from './scripted-client.ts';
import { tlvResource, tlvResources } from './tlv-writer.ts';

/*
 * A correctness test under load: 1,000 scripted clients on the simulated network and the virtual clock register,
 * are read (/3/0 in TLV, every client with its own values, checked exactly) and observed (every client sends a
 * notification the server must decode and attribute to the right endpoint). Every answer is asserted; no timing.
 */
const CLIENTS = 1000;
const TLV = 11542;
const SERVER = { address: '10.0.0.1', port: 5683 };

interface DeviceValues {
  manufacturer: string;
  model: string;
  serial: string;
  battery: number;
  time: number;
}

function valuesOf(i: number): DeviceValues {
  return {
    manufacturer: `Maker ${i}`,
    model: `model-${i % 7}-${'x'.repeat(i % 13)}`,
    serial: `SN-${i.toString(16).padStart(6, '0')}`,
    battery: i % 101,
    time: 1_700_000_000 + i * 37,
  };
}

/** A different battery level for the notification, so a mix-up between clients cannot go unseen. */
function notifiedBattery(i: number): number {
  return (i * 7 + 3) % 101;
}

function deviceTlv(v: DeviceValues): Buffer {
  return tlvResources([[0, v.manufacturer], [1, v.model], [2, v.serial], [9, v.battery], [13, v.time]]);
}

function clientAddress(i: number): { address: string; port: number } {
  return { address: `10.1.${i >> 8}.${i & 0xff}`, port: 56830 + (i % 17) };
}

test('1,000 clients register, are read and observed; every answer is checked', async () => {
  const clock = new VirtualClock({ installGlobally: false });
  const random = new Random(1000);
  const net = new SimNetwork({ clock, random: random.fork() });
  const server = await LwM2MServer.start({ transport: net.bind(SERVER), clock, random: random.fork() });
  const observeTokens = new Map<number, Buffer>();
  const clients: ScriptedClient[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const values = valuesOf(i);
    const client = new ScriptedClient(net.bind(clientAddress(i)), SERVER, (req) => {
      const path = req.path.join('/');
      if (req.method === 'GET' && path === '3/0' && req.observe === undefined) return { code: '2.05', contentFormat: TLV, payload: deviceTlv(values) };
      if (req.method === 'GET' && path === '3/0/9' && req.observe === 0) {
        observeTokens.set(i, Buffer.from(req.token));
        return { code: '2.05', contentFormat: TLV, payload: tlvResource(9, values.battery), observe: 1 };
      }
      return { code: '4.04' };
    }, i * 31);
    clients.push(client);
  }
  const endpoint = (i: number): string => `load-${String(i).padStart(4, '0')}`;

  try {
    // Register, all at once.
    const registered = await clock.runUntil(Promise.all(clients.map((c, i) => c.register(endpoint(i), 3600, '</1/0>,</3/0>,</3303/0>'))));
    registered.forEach((answer, i) => assert.equal(answer.code, '2.01', `Register of ${endpoint(i)}`));
    assert.equal(server.registrations().length, CLIENTS);
    const ids = new Set<string>();
    for (let i = 0; i < CLIENTS; i++) {
      const registration = server.get(endpoint(i));
      assert.ok(registration, `${endpoint(i)} is registered`);
      assert.deepEqual(registration.address, clientAddress(i));
      assert.deepEqual(clients[i]?.location, ['rd', registration.id]);
      ids.add(registration.id);
    }
    assert.equal(ids.size, CLIENTS, 'registration ids are unique');

    // Read /3/0 of every client, all at once; each answer must carry that client's own values.
    const reads = await clock.runUntil(Promise.all(clients.map((_, i) => server.read(endpoint(i), '/3/0'))));
    reads.forEach((read, i) => {
      const v = valuesOf(i);
      assert.equal(read.code, '2.05', `Read of ${endpoint(i)}`);
      assert.equal(read.decodeError, undefined, `Read of ${endpoint(i)}`);
      assert.deepEqual(
        read.entries?.map((e) => [e.path.objectId, e.path.instanceId, e.path.resourceId, e.value]),
        [[3, 0, 0, v.manufacturer], [3, 0, 1, v.model], [3, 0, 2, v.serial], [3, 0, 9, v.battery], [3, 0, 13, v.time]],
        `values of ${endpoint(i)}`,
      );
    });
    for (let i = 0; i < CLIENTS; i++) assert.equal(clients[i]?.requests.at(-1)?.accept, TLV, 'a 1.0 client is asked for TLV');

    // Observe /3/0/9 of every client.
    const observations = await clock.runUntil(Promise.all(clients.map((_, i) => server.observe(endpoint(i), '/3/0/9'))));
    observations.forEach((o, i) => {
      assert.equal(o.active, true, `observation of ${endpoint(i)}: ${o.endReason}`);
      assert.equal(o.first.entries?.[0]?.value, valuesOf(i).battery);
    });
    assert.equal(observeTokens.size, CLIENTS);

    // Every client notifies once; the server must decode each and attribute it to the right endpoint.
    const seen: DecodedNotification[] = [];
    server.on('notification', (e) => seen.push(e.notification));
    await clock.runUntil(clock.sleep(1000));
    await clock.runUntil(Promise.all(clients.map((c, i) => c.notify(observeTokens.get(i) as Buffer, 2, tlvResource(9, notifiedBattery(i)), TLV, i % 2 === 0))));
    await clock.runUntil(clock.sleep(1000));
    assert.equal(seen.length, CLIENTS, 'one notification per client');
    const byEndpoint = new Map(seen.map((n) => [n.endpoint, n]));
    assert.equal(byEndpoint.size, CLIENTS, 'each client notified once');
    for (let i = 0; i < CLIENTS; i++) {
      const n = byEndpoint.get(endpoint(i));
      assert.ok(n, `notification of ${endpoint(i)}`);
      assert.equal(n.decodeError, undefined);
      assert.equal(n.sequence, 2);
      assert.deepEqual(n.path, { objectId: 3, instanceId: 0, resourceId: 9 });
      assert.deepEqual(n.entries?.map((e) => e.value), [notifiedBattery(i)], `value notified by ${endpoint(i)}`);
      assert.deepEqual(n.raw.from, clientAddress(i));
      assert.equal(observations[i]?.notifications.length, 1);
    }

    // De-register everyone.
    const gone = await clock.runUntil(Promise.all(clients.map((c) => c.deregister())));
    gone.forEach((answer, i) => assert.equal(answer.code, '2.02', `De-register of ${endpoint(i)}`));
    assert.equal(server.registrations().length, 0);
  } finally {
    for (const c of clients) c.close();
    await server.close();
    await net.close();
  }
});
