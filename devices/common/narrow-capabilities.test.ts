import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMULATED_CAPABILITIES, EmulatedDevice } from '../emulated/emulated-device.ts';
import { narrowCapabilities } from './narrow-capabilities.ts';

test('narrowing keeps what both list and turns declared-absent features off', () => {
  const narrowed = narrowCapabilities(EMULATED_CAPABILITIES, {
    objects: [0, 1, 3, 9999],
    bindings: ['U', 'UQ'],
    contentFormats: [11542, 0],
    features: { bootstrap: false, sms: false, 'firmware-push': true },
  });
  assert.deepEqual(narrowed.objects, [0, 1, 3]);
  assert.deepEqual(narrowed.bindings, ['U', 'UQ']);
  assert.deepEqual(narrowed.contentFormats, [0, 11542]);
  assert.equal(narrowed.features.bootstrap, false);
  assert.equal(narrowed.features.sms, false);
  assert.equal(narrowed.features['firmware-push'], true);
  assert.equal(narrowed.features.reboot, true, 'a feature the profile does not mention stays as offered');
});

test('an emulated device narrowed to a profile declares the profile capabilities', () => {
  const device = new EmulatedDevice({ security: 'nosec', narrowTo: { objects: [0, 1, 3], bindings: ['U'], contentFormats: [0], features: { 'queue-mode': false } } });
  assert.deepEqual(device.capabilities.bindings, ['U']);
  assert.equal(device.capabilities.features['dtls-psk'], false);
  assert.equal(device.capabilities.features['queue-mode'], false);
  assert.deepEqual(new EmulatedDevice().capabilities.bindings, EMULATED_CAPABILITIES.bindings, 'without narrowTo nothing changes');
});
