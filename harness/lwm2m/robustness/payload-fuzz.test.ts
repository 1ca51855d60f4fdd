import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../clock/virtual-clock.ts';
import { SimNetwork } from '../../net/sim-network.ts';
import type { Endpoint } from '../../net/transport.ts';
import { Random } from '../../random.ts';
import { LwM2MServer } from '../server/lwm2m-server.ts';
import type { DecodedNotification } from '../server/information-reporting.ts';
import { ScriptedClient } from '../load/scripted-client.ts';
import { tlvResource } from '../load/tlv-writer.ts';
import { recordCrashes } from './crash-recorder.ts';
import { badPayload } from './fuzz-datagrams.ts';

/*
 * Robustness of the payload decoders behind real exchanges: registered clients answer Reads and send
 * notifications with broken TLV / JSON / random bodies in random content formats. Every Read must come back
 * as a result (decoded entries or a decodeError kept as evidence), every notification must be delivered the
 * same way, and nothing may crash.
 */
const CLIENTS = 40;
const READS_PER_CLIENT = 25;
const NOTIFICATIONS_PER_CLIENT = 25;
const SERVER: Endpoint = { address: '10.0.0.1', port: 5683 };

test('broken payloads in Read answers and notifications give decodeErrors, never a crash', async () => {
  const crashes = recordCrashes();
  const clock = new VirtualClock({ installGlobally: false });
  const random = new Random(0xbad);
  const net = new SimNetwork({ clock, random: random.fork() });
  const server = await LwM2MServer.start({ transport: net.bind(SERVER), clock, random: random.fork() });
  const payloadRandom = random.fork();
  const tokens = new Map<number, Buffer>();
  const clients = Array.from({ length: CLIENTS }, (_, i) => new ScriptedClient(net.bind({ address: `10.3.0.${i + 1}`, port: 5683 }), SERVER, (req) => {
    if (req.observe === 0) {
      tokens.set(i, Buffer.from(req.token));
      return { code: '2.05', contentFormat: 11542, payload: tlvResource(9, 50), observe: 1 };
    }
    return { code: '2.05', ...badPayload(payloadRandom) };
  }, i * 1000));
  const ep = (i: number): string => `payload-fuzz-${i}`;
  try {
    const registered = await clock.runUntil(Promise.all(clients.map((c, i) => c.register(ep(i), 3600, '</3/0>'))));
    registered.forEach((answer) => assert.equal(answer.code, '2.01'));

    let decodeErrors = 0;
    for (let round = 0; round < READS_PER_CLIENT; round++) {
      const reads = await clock.runUntil(Promise.all(clients.map((_, i) => server.read(ep(i), '/3/0'))));
      for (const read of reads) {
        assert.equal(read.code, '2.05');
        const empty = read.raw.payload.length === 0;
        assert.ok(read.entries !== undefined || read.decodeError !== undefined || empty, `Read answer neither decoded nor rejected: ${read.raw.payload.toString('hex')}`);
        if (read.decodeError !== undefined) decodeErrors++;
      }
    }
    assert.ok(decodeErrors > 0, 'broken payloads were reported as decodeErrors');

    const observations = await clock.runUntil(Promise.all(clients.map((_, i) => server.observe(ep(i), '/3/0/9'))));
    observations.forEach((o) => assert.equal(o.active, true, o.endReason));
    const seen: DecodedNotification[] = [];
    server.on('notification', (e) => seen.push(e.notification));
    for (let n = 0; n < NOTIFICATIONS_PER_CLIENT; n++) {
      await clock.runUntil(clock.sleep(100));
      await clock.runUntil(Promise.all(clients.map((c, i) => {
        const { payload, contentFormat } = badPayload(payloadRandom);
        return c.notify(tokens.get(i) as Buffer, n + 2, payload, contentFormat, n % 2 === 0);
      })));
    }
    await clock.runUntil(clock.sleep(1000));
    assert.equal(seen.length, CLIENTS * NOTIFICATIONS_PER_CLIENT, 'every notification reached the server\'s listeners');
    for (const n of seen) {
      assert.ok(n.entries !== undefined || n.decodeError !== undefined || n.raw.payload.length === 0, `notification neither decoded nor rejected: ${n.raw.payload.toString('hex')}`);
    }
    observations.forEach((o) => assert.equal(o.notifications.length, NOTIFICATIONS_PER_CLIENT));
    assert.equal(server.registrations().length, CLIENTS, 'nobody was dropped');
  } finally {
    for (const c of clients) c.close();
    await server.close();
    await net.close();
    crashes.dispose();
  }
  assert.deepEqual(crashes.errors, []);
});
