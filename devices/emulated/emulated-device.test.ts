import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../harness/clock/virtual-clock.ts';
import type { DeviceEnvironment } from '../../harness/engine/device.ts';
import { SimNetwork } from '../../harness/net/sim-network.ts';
import { Random } from '../../harness/random.ts';
import { EmulatedDevice } from './emulated-device.ts';
import { RawCoapPeer, optionStrings } from './testing/raw-coap-peer.ts';

function environment() {
  const clock = new VirtualClock();
  const network = new SimNetwork({ clock, random: new Random(3) });
  const serverTransport = network.bind({ address: '10.0.0.1', port: 5683 });
  const peer = new RawCoapPeer(serverTransport, clock);
  peer.onRequest((req) => {
    const path = optionStrings(req, 'Uri-Path');
    if (req.code === '0.02' && path.join('/') === 'rd') return { code: '2.01', options: [{ name: 'Location-Path', value: Buffer.from('rd') }, { name: 'Location-Path', value: Buffer.from('7') }] };
    return { code: '2.04' };
  });
  const env: DeviceEnvironment = {
    clock,
    server: { uri: 'coap://10.0.0.1:5683', endpoint: serverTransport.local },
    openTransport: async () => network.bind({ address: '10.0.0.9' }),
    seed: 11,
  };
  const close = async () => {
    peer.close();
    await network.close();
    clock.uninstall();
  };
  return { clock, peer, env, close };
}

const registers = (peer: RawCoapPeer) => peer.requests((p) => p.code === '0.02' && optionStrings(p, 'Uri-Path').join('/') === 'rd');

test('EmulatedDevice registers on the simulated network, power-cycles with a new port, keeps its serial', async () => {
  const { clock, peer, env, close } = environment();
  const device = new EmulatedDevice({ endpoint: 'dut-1' });
  try {
    await device.start(env);
    await clock.advance(1000);
    const first = registers(peer)[0];
    assert.ok(first, 'registered');
    assert.ok(optionStrings(first.packet, 'Uri-Query').includes('ep=dut-1'));
    await device.powerCycle();
    await clock.advance(1000);
    const second = registers(peer)[1];
    assert.ok(second, 'registered again after the power cycle');
    assert.notEqual(second.from.port, first.from.port, 'a new socket');
    assert.equal(device.emulatedClient?.status().serialNumber, 'EMU-dut-1');
    assert.deepEqual(device.takeLabEvents().map((e) => e.event), ['power on', 'power off', 'power on']);
    assert.ok(device.takeConsoleLines().some((l) => l.endsWith('registered at /rd/7')));
  } finally {
    await device.stop();
    await close();
  }
});

test('EmulatedDevice stimuli reach the client; a powered-off device refuses them', async () => {
  const { clock, env, close } = environment();
  const device = new EmulatedDevice();
  try {
    assert.deepEqual(await device.stimulus({ kind: 'raise-error', code: 3 }), { applied: false, reason: 'the device is powered off' });
    await device.start(env);
    await clock.advance(1000);
    assert.deepEqual(await device.stimulus({ kind: 'set-value', path: '/3303/0/5700', value: '30.5' }), { applied: true });
    assert.equal(device.emulatedClient?.deviceObjects.tree.instance(3303, 0)?.read(5700), 30.5);
    assert.deepEqual(await device.stimulus({ kind: 'raise-error', code: 3 }), { applied: true });
    assert.deepEqual(device.emulatedClient?.status().errorCodes, [3]);
    const bad = await device.stimulus({ kind: 'set-value', path: '/3303/0/5700', value: 'warm' });
    assert.equal(bad.applied, false);
  } finally {
    await device.stop();
    await close();
  }
});

test('EmulatedDevice refuses unknown fault names, and coaps:// when configured NoSec', async () => {
  assert.throws(() => new EmulatedDevice({ faults: ['no-such-bug'] }), /unknown fault profile/);
  assert.equal(new EmulatedDevice({ faults: ['ignore-pmax'] }).name, 'emulated+ignore-pmax');
  const { env, close } = environment();
  try {
    const device = new EmulatedDevice({ security: 'nosec' });
    assert.equal(device.psk, undefined);
    assert.equal(device.capabilities.features['dtls-psk'], false);
    await assert.rejects(device.start({ ...env, server: { ...env.server, uri: 'coaps://10.0.0.1:5684' } }), /DTLS/);
  } finally {
    await close();
  }
});
