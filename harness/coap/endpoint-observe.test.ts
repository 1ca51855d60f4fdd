import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CoapMessage, Notification } from './api.ts';
import { Random } from '../random.ts';
import { CoapEndpoint } from './endpoint.ts';
import { isNewerNotification } from './observe-order.ts';
import { encodeUint, observe, OptionNumber, uriPath } from './options.ts';
import { FakeClock } from './testing/fake-clock.ts';
import { ScriptedPeer } from './testing/setup.ts';
import { createTransportPair } from './testing/transport-pair.ts';

const SERVER = { address: '127.0.0.1', port: 5683 };
const DEVICE = { address: '127.0.0.1', port: 56830 };

/** Our endpoint observing a scripted device that answers the registration with obs=10. */
async function observed(seed: number) {
  const clock = new FakeClock();
  const [mine, theirs] = createTransportPair(SERVER, DEVICE);
  const endpoint = new CoapEndpoint({ transport: mine, clock, random: new Random(seed) });
  const device = new ScriptedPeer(theirs);
  let token: Buffer = Buffer.alloc(0);
  device.onRequest = (m) => {
    if (m.code !== '0.01') return;
    token = m.token;
    const obs = observe(m);
    void device.send({
      type: 'ACK', code: '2.05', messageId: m.messageId, token: m.token,
      options: obs === 0 ? [{ number: OptionNumber.Observe, value: encodeUint(10) }] : [],
      payload: Buffer.from(obs === 0 ? 'v10' : 'bye'),
    });
  };
  const notifications: Notification[] = [];
  const observation = await clock.run(
    endpoint.observe(DEVICE, { method: 'GET', path: ['3303', '0', '5700'] }, (n) => notifications.push(n), { operation: 'Observe /3303/0/5700' }),
  );
  const notify = async (seq: number | undefined, opts: Partial<CoapMessage> = {}): Promise<void> => {
    await device.send({
      type: 'CON', code: '2.05', token,
      options: seq === undefined ? [] : [{ number: OptionNumber.Observe, value: encodeUint(seq) }],
      payload: Buffer.from(`v${seq}`),
      ...opts,
    });
    await clock.drain();
  };
  return { clock, endpoint, device, observation, notifications, notify, token: () => token };
}

test('RFC 7641 freshness rule, including wrap-around and the 128 s window', () => {
  assert.equal(isNewerNotification(1, 0, 2, 0), true);
  assert.equal(isNewerNotification(2, 0, 1, 0), false);
  assert.equal(isNewerNotification(0xffffff, 0, 1, 0), true, 'wraps around');
  assert.equal(isNewerNotification(5, 0, 5, 0), false);
  assert.equal(isNewerNotification(5, 0, 4, 128_001), true, 'after 128 s anything is newer');
  assert.equal(isNewerNotification(5, 0, 4, 128_000), false);
});

test('notifications arrive in order; stale ones are dropped and traced; CON ones are ACKed', async () => {
  const { endpoint, device, observation, notifications, notify } = await observed(21);
  assert.equal(observation.active, true);
  assert.equal(observation.first.observe, 10);
  assert.equal(observation.first.payload.toString(), 'v10');
  const before = device.received.length;
  await notify(12);
  await notify(11);
  await notify(13, { type: 'NON' });
  assert.deepEqual(notifications.map((n) => n.observe), [12, 13]);
  assert.equal(notifications[0]?.payload.toString(), 'v12');
  const answers = device.received.slice(before).map((m) => `${m.type} ${m.code}`);
  assert.deepEqual(answers, ['ACK 0.00', 'ACK 0.00'], 'both CON notifications are ACKed, even the stale one');
  const stale = endpoint.trace.entries({ direction: 'in' }).find((e) => e.note?.includes('stale'));
  assert.match(stale?.note ?? '', /stale notification dropped \(obs=11 after obs=12\)/);
  assert.equal(stale?.operation, 'Notify /3303/0/5700');
  endpoint.close();
});

test('a late notification is accepted once 128 s have passed', async () => {
  const { clock, endpoint, observation, notifications, notify } = await observed(22);
  await notify(20);
  await clock.advance(129_000);
  await notify(15);
  assert.deepEqual(notifications.map((n) => n.observe), [20, 15]);
  assert.equal(observation.active, true);
  endpoint.close();
});

test('reactive cancel: the next notification is answered with RST', async () => {
  const { endpoint, device, observation, notifications, notify } = await observed(23);
  await observation.cancel('rst');
  assert.equal(observation.active, false);
  const before = device.received.length;
  await notify(11);
  assert.equal(notifications.length, 0);
  assert.deepEqual(device.received.slice(before).map((m) => m.type), ['RST']);
  endpoint.close();
});

test('proactive cancel: GET with Observe=1 and the same token', async () => {
  const { clock, endpoint, device, observation, token } = await observed(24);
  await clock.run(observation.cancel('get'));
  assert.equal(observation.active, false);
  const last = device.received[device.received.length - 1]!;
  assert.equal(last.code, '0.01');
  assert.equal(observe(last), 1);
  assert.deepEqual(last.token, token());
  assert.deepEqual(uriPath(last), ['3303', '0', '5700']);
  endpoint.close();
});

test('an error notification ends the observation after being delivered', async () => {
  const { endpoint, device, observation, notifications, notify } = await observed(25);
  await notify(11, { code: '4.04' });
  assert.equal(observation.active, false);
  assert.deepEqual(notifications.map((n) => n.code), ['4.04']);
  const before = device.received.length;
  await notify(12);
  assert.deepEqual(device.received.slice(before).map((m) => m.type), ['RST'], 'later notifications are unknown');
  endpoint.close();
});

test('an observe request answered without Observe is not an observation', async () => {
  const clock = new FakeClock();
  const [mine, theirs] = createTransportPair(SERVER, DEVICE);
  const endpoint = new CoapEndpoint({ transport: mine, clock, random: new Random(26) });
  const device = new ScriptedPeer(theirs);
  device.onRequest = (m) => void device.send({ type: 'ACK', code: '2.05', messageId: m.messageId, token: m.token, payload: Buffer.from('x') });
  const observation = await clock.run(endpoint.observe(DEVICE, { method: 'GET', path: ['1'] }, () => undefined));
  assert.equal(observation.active, false);
  assert.equal(observation.first.observe, undefined);
  endpoint.close();
});
