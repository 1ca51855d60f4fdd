import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createVirtualWorld, SIM_SERVER_SMS_NUMBER } from '../../../harness/engine/virtual-world.ts';
import type { World } from '../../../harness/engine/world.ts';
import type { SmsSegmentEvent } from '../../../harness/net/sms/sms-events.ts';
import { TransportClosedError } from '../../../harness/net/errors.ts';
import { EmulatedDevice } from '../emulated-device.ts';
import { EMULATED_SMS_NUMBER, withSmsBearer } from './device-bearer.ts';

async function registered(device: EmulatedDevice, world: World): Promise<void> {
  const registered = world.server.waitFor('registered', (e) => e.registration.endpoint === device.endpoint, 30_000);
  // One server account, as a scenario gives it (scenario-env.ts): a request from a number no account names is unauthorised with several.
  const { additionalServers: _others, ...env } = world.env;
  await device.start(env);
  await world.drive(registered, 60_000);
}

test('a device registered over UDP with binding US answers a Read sent to its MSISDN by SMS, in concatenated segments', async () => {
  const world = await createVirtualWorld({ seed: 7 });
  const device = new EmulatedDevice({ endpoint: 'sms-1', security: 'nosec', client: { binding: 'US' } });
  try {
    await registered(device, world);
    const reg = world.server.get('sms-1');
    assert.equal(reg?.binding, 'US');
    assert.equal(reg?.sms, EMULATED_SMS_NUMBER);
    assert.equal(reg?.address.address, 'device', 'registered over UDP');
    const since = world.clock.now();
    const result = await world.drive(world.server.read('sms-1', '/3/0', { bearer: 'sms' }), 120_000);
    assert.equal(result.code, '2.05');
    assert.ok((result.entries ?? []).some((e) => e.path.resourceId === 2 && e.value === 'EMU-sms-1'), 'serial number in the answer');
    const segments = (world.sms?.center.history({ from: since }) ?? []).filter((e): e is SmsSegmentEvent => e.kind === 'segment' && e.fate === 'delivered');
    const fromDevice = segments.filter((s) => s.from === EMULATED_SMS_NUMBER && s.to === SIM_SERVER_SMS_NUMBER);
    assert.ok(fromDevice.length >= 2, `the answer came in ${fromDevice.length} segments`);
    assert.ok(fromDevice.every((s) => s.octets <= 140 && s.concat !== undefined));
    assert.ok(segments.some((s) => s.from === SIM_SERVER_SMS_NUMBER && s.to === EMULATED_SMS_NUMBER), 'the Read went by SMS');
    const exchange = world.trace.entries({ from: since, peer: { address: EMULATED_SMS_NUMBER, port: 0 } });
    assert.deepEqual(exchange.map((e) => `${e.direction} ${e.message?.code} ${e.operation}`), ['out 0.01 Read /3/0 (SMS)', 'in 2.05 Read /3/0 (SMS)']);
    // A power cycle detaches and re-attaches the number.
    await world.drive(device.powerCycle(), 10_000);
    assert.ok(world.sms?.center.isAttached(EMULATED_SMS_NUMBER));
  } finally {
    await world.drive(device.stop(), 10_000);
    await world.close();
  }
});

test('with binding S alone the device registers by SMS at the server number (/0/0/9), and the server reaches it there', async () => {
  const world = await createVirtualWorld({ seed: 9 });
  const device = new EmulatedDevice({ endpoint: 'sms-only', security: 'nosec', client: { binding: 'S' } });
  try {
    await registered(device, world);
    const reg = world.server.get('sms-only');
    assert.deepEqual(reg?.address, { address: EMULATED_SMS_NUMBER, port: 0 }, 'registered from its MSISDN');
    assert.equal(reg?.binding, 'S');
    const register = world.trace.entries().find((e) => e.operation === 'Register');
    assert.equal(register?.remote.address, EMULATED_SMS_NUMBER);
    const sent = (world.sms?.center.history() ?? []).filter((e): e is SmsSegmentEvent => e.kind === 'segment' && e.fate === 'delivered' && e.to === SIM_SERVER_SMS_NUMBER);
    assert.ok(sent.length > 0 && sent.every((e) => e.from === EMULATED_SMS_NUMBER));
    const result = await world.drive(world.server.read('sms-only', '/3/0/2'), 120_000);
    assert.deepEqual([result.code, result.entries?.[0]?.value], ['2.05', 'EMU-sms-only']);
    assert.equal(world.trace.entries().filter((e) => e.remote.address === 'device').length, 0, 'nothing went over UDP');
  } finally {
    await world.drive(device.stop(), 10_000);
    await world.close();
  }
});

test('without an SMS bearer the IP transport is used alone; under sms-no-concatenation long datagrams are cut to one SMS', async () => {
  const world = await createVirtualWorld({ seed: 3 });
  try {
    const ip = await world.env.openTransport!();
    assert.equal(await withSmsBearer(ip, {}, { faults: new Set() }), ip);
    const faulty = await withSmsBearer(ip, world.env, { msisdn: '+15550100077', faults: new Set(['sms-no-concatenation']) });
    const server = world.sms!.center;
    const since = world.clock.now();
    await faulty.send(Buffer.alloc(300, 1), { address: SIM_SERVER_SMS_NUMBER, port: 0 });
    await world.drive(world.clock.sleep(2000), 5000);
    const sent = server.history({ from: since }).filter((e): e is SmsSegmentEvent => e.kind === 'segment' && e.fate === 'sent');
    assert.deepEqual(sent.map((s) => [s.octets, s.udh ?? 'no UDH']), [[140, 'no UDH']]);
    await faulty.close();
    await assert.rejects(faulty.send(Buffer.from('x'), { address: SIM_SERVER_SMS_NUMBER, port: 0 }), TransportClosedError);
  } finally {
    await world.close();
  }
});

test('with two server accounts a Read by SMS from the primary\'s number gets the primary\'s rights (not 4.01)', async () => {
  const world = await createVirtualWorld({ seed: 11 });
  const device = new EmulatedDevice({ endpoint: 'sms-multi', security: 'nosec', client: { binding: 'US' } });
  try {
    const registered = world.server.waitFor('registered', (e) => e.registration.endpoint === 'sms-multi', 30_000);
    await device.start(world.env); // the world's env: both server accounts, so Access Control applies
    await world.drive(registered, 60_000);
    assert.ok((world.env.additionalServers ?? []).length > 0, 'the device holds a second account');
    const result = await world.drive(world.server.read('sms-multi', '/3/0/2', { bearer: 'sms' }), 120_000);
    assert.deepEqual([result.code, result.entries?.[0]?.value], ['2.05', 'EMU-sms-multi'], 'the SMS number is matched to the account of /0/x/9');
  } finally {
    await world.drive(device.stop(), 10_000);
    await world.close();
  }
});
