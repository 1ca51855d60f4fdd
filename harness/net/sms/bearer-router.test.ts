import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../clock/virtual-clock.ts';
import { Random } from '../../random.ts';
import { SimNetwork } from '../sim-network.ts';
import type { Endpoint } from '../transport.ts';
import { TransportClosedError } from '../errors.ts';
import { BearerRouter } from './bearer-router.ts';
import { SmsCenter } from './sms-center.ts';

function world(): { clock: VirtualClock; network: SimNetwork; center: SmsCenter } {
  const clock = new VirtualClock({ installGlobally: false });
  return { clock, network: new SimNetwork({ clock, random: new Random(1) }), center: new SmsCenter({ clock, random: new Random(2), latencyMs: { min: 500, max: 500 } }) };
}

test('sends to an MSISDN go by SMS, others by IP; answers come back on the bearer they came by, with their true source', async () => {
  const { clock, network, center } = world();
  const router = new BearerRouter({ ip: network.bind({ address: 'server', port: 5683 }), sms: center.attach('+15550199') });
  assert.deepEqual(router.local, { address: 'server', port: 5683 });
  assert.equal(router.smsNumber, '+15550199');
  const received: Array<[string, Endpoint]> = [];
  router.onMessage((data, from) => {
    received.push([data.toString(), from]);
    void router.send(Buffer.from(`re ${data.toString()}`), from);
  });
  const ipPeer = network.bind({ address: 'device', port: 40000 });
  const smsPeer = center.attach('+15550100');
  const replies: string[] = [];
  ipPeer.onMessage((data, from) => replies.push(`ip ${data.toString()} from ${from.address}:${from.port}`));
  smsPeer.onMessage((data, from) => replies.push(`sms ${data.toString()} from ${from.address}:${from.port}`));
  await ipPeer.send(Buffer.from('a'), router.local);
  await smsPeer.send(Buffer.from('b'), { address: '+15550199', port: 0 });
  await clock.advance(1000);
  assert.deepEqual(received, [
    ['a', { address: 'device', port: 40000 }],
    ['b', { address: '+15550100', port: 0 }],
  ]);
  assert.deepEqual(replies, ['ip re a from server:5683', 'sms re b from +15550199:0']);
  assert.deepEqual(BearerRouter.bearerFor({ address: '+15550100', port: 5683 }), 'sms');
  assert.deepEqual(BearerRouter.bearerFor({ address: '127.0.0.1', port: 5683 }), 'ip');
});

test('close closes both bearers: the number is free again and sends are refused', async () => {
  const { network, center } = world();
  const router = new BearerRouter({ ip: network.bind({ address: 'server', port: 5683 }), sms: center.attach('+15550199') });
  await router.close();
  await router.close();
  assert.ok(!center.isAttached('+15550199'));
  network.bind({ address: 'server', port: 5683 });
  await assert.rejects(router.send(Buffer.from('x'), { address: '+15550100', port: 0 }), TransportClosedError);
});
