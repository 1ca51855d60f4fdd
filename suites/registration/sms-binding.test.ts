import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmulatedDevice } from '../../devices/emulated/emulated-device.ts';
import { executeScenario } from '../../harness/engine/execute-scenario.ts';
import { createVirtualWorld } from '../../harness/engine/virtual-world.ts';
import type { World } from '../../harness/engine/world.ts';
import { smsBinding } from './sms-binding.ts';

/** The same world as a lab without an SMS bearer sees it: no env.sms for the device, no world.sms for the scenario. */
function withoutSmsBearer(world: World): World {
  const { sms: _bearer, ...env } = world.env;
  return Object.create(world, { sms: { value: undefined, enumerable: true }, env: { value: env, enumerable: true } }) as World;
}

test('with an SMS bearer: pass, and the evidence names the segments of the answer', async () => {
  const world = await createVirtualWorld({ seed: 4 });
  try {
    const outcome = await executeScenario(smsBinding, world, new EmulatedDevice({ security: 'nosec' }));
    assert.equal(outcome.verdict, 'pass', outcome.reason);
    const notes = outcome.evidence.filter((e) => e.kind === 'note').map((e) => e.text);
    assert.ok(notes.some((n) => /segment 1\/\d+ ref \d+ UDH 050003/.test(n) && n.includes('reassembled')), notes.join('\n'));
  } finally {
    await world.close();
  }
});

test('without an SMS bearer: inconclusive, saying operations over SMS were not exercised', async () => {
  const world = await createVirtualWorld({ seed: 4 });
  try {
    const outcome = await executeScenario(smsBinding, withoutSmsBearer(world), new EmulatedDevice({ security: 'nosec' }));
    assert.equal(outcome.verdict, 'inconclusive');
    assert.match(outcome.reason, /operations over SMS were not exercised: this lab has no SMS bearer/);
    assert.ok(outcome.evidence.some((e) => e.kind === 'expectation' && e.ok && e.what?.includes('announces its MSISDN')), 'the sms parameter check still ran');
  } finally {
    await world.close();
  }
});

test('a device whose profile lists no binding with S is not-supported', async () => {
  const world = await createVirtualWorld({ seed: 4 });
  try {
    const device = new EmulatedDevice({ security: 'nosec' });
    Object.assign(device, { capabilities: { ...device.capabilities, bindings: ['U', 'UQ'] } });
    const outcome = await executeScenario(smsBinding, world, device);
    assert.equal(outcome.verdict, 'not-supported');
  } finally {
    await world.close();
  }
});
