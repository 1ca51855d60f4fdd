import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistrationStore } from './registration-store.ts';
import { parseRegister } from './parse-registration.ts';
import { ManualClock } from '../testing/manual-clock.ts';
import { Random } from '../../../random.ts';

const addr = { address: '127.0.0.1', port: 5683 };
const params = (ep: string, lt: number) => parseRegister([`ep=${ep}`, `lt=${lt}`, 'lwm2m=1.0'], Buffer.from('</3/0>'), 40);

test('a registration expires exactly lt seconds after Register', async () => {
  const clock = new ManualClock();
  const store = new RegistrationStore(clock, new Random(1));
  const expired: number[] = [];
  store.on('expired', () => expired.push(clock.now()));
  const reg = store.register(params('ep1', 60), addr);
  assert.deepEqual(reg.location, ['rd', reg.id]);
  await clock.advance(59_999);
  assert.equal(store.get('ep1')?.id, reg.id);
  await clock.advance(1);
  assert.deepEqual(expired, [reg.registeredAt + 60_000]);
  assert.equal(store.get('ep1'), undefined);
});

test('an Update restarts the lifetime and may change it', async () => {
  const clock = new ManualClock();
  const store = new RegistrationStore(clock, new Random(1));
  const expired: number[] = [];
  store.on('expired', () => expired.push(clock.now()));
  const reg = store.register(params('ep1', 60), addr);
  await clock.advance(50_000);
  const updated = store.update(reg.id, { lifetime: 20, warnings: [] }, { address: '127.0.0.1', port: 6000 });
  assert.equal(updated?.lifetime, 20);
  assert.equal(updated?.address.port, 6000);
  await clock.advance(19_999);
  assert.equal(expired.length, 0);
  await clock.advance(1);
  assert.deepEqual(expired, [reg.registeredAt + 70_000]);
});

test('a second Register for the same endpoint replaces the first', () => {
  const clock = new ManualClock();
  const store = new RegistrationStore(clock, new Random(1));
  const events: string[] = [];
  store.on('registered', (e) => events.push(`registered ${e.registration.id} replaced=${e.replaced?.id ?? '-'}`));
  const a = store.register(params('ep1', 60), addr);
  const b = store.register(params('ep1', 60), addr);
  assert.notEqual(a.id, b.id);
  assert.equal(store.byId(a.id), undefined);
  assert.equal(store.byId(b.id)?.endpoint, 'ep1');
  assert.equal(store.size, 1);
  assert.deepEqual(events, [`registered ${a.id} replaced=-`, `registered ${b.id} replaced=${a.id}`]);
  assert.equal(clock.pending, 1, 'the old expiry timer is gone');
});

test('deregister removes the registration and its timer; unknown ids give undefined', () => {
  const clock = new ManualClock();
  const store = new RegistrationStore(clock, new Random(1));
  const reg = store.register(params('ep1', 60), addr);
  assert.equal(store.deregister('nope'), undefined);
  assert.equal(store.deregister(reg.id)?.endpoint, 'ep1');
  assert.equal(store.all().length, 0);
  assert.equal(clock.pending, 0);
});

test('ids come from the seed', () => {
  const ids = (seed: number) => {
    const store = new RegistrationStore(new ManualClock(), new Random(seed));
    return [store.register(params('a', 9), addr).id, store.register(params('b', 9), addr).id];
  };
  assert.deepEqual(ids(7), ids(7));
});
