import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDiscoverPayload } from './discover-payload.ts';
import { buildScript, stepName } from './bootstrap-script.ts';
import { InputError } from '../../errors.ts';

test('a Bootstrap-Discover answer with the lwm2m version item is read', () => {
  const links = parseDiscoverPayload('lwm2m="1.0",</0/0>;ssid=1,</0/1>, </1/0>;ssid=1,</3/0>');
  assert.deepEqual(links[0], { target: '', attributes: { lwm2m: '1.0' } });
  assert.deepEqual(links.slice(1).map((l) => [l.target, l.attributes['ssid'] ?? null]), [
    ['/0/0', '1'], ['/0/1', null], ['/1/0', '1'], ['/3/0', null],
  ]);
  assert.deepEqual(links[3]?.path, { objectId: 1, instanceId: 0 });
});

test('the script writes a bootstrap account at /0/0 and servers after it', () => {
  const steps = buildScript({
    delete: ['/0', '/1'],
    bootstrapAccount: { serverUri: 'coap://127.0.0.1:5783', securityMode: 'nosec' },
    servers: [
      { serverUri: 'coap://127.0.0.1:5683', securityMode: 'nosec', shortServerId: 1 },
      { serverUri: 'coap://127.0.0.1:5685', securityMode: 'nosec', shortServerId: 2 },
    ],
  });
  assert.deepEqual(steps.map(stepName), [
    'Bootstrap-Delete /0',
    'Bootstrap-Delete /1',
    'Bootstrap-Write /0/0',
    'Bootstrap-Write /0/1',
    'Bootstrap-Write /0/2',
    'Bootstrap-Write /1/0',
    'Bootstrap-Write /1/1',
    'Bootstrap-Finish',
  ]);
  const bsWrite = steps[2];
  assert.ok(bsWrite?.kind === 'write');
  assert.equal(bsWrite.entries.find((e) => e.path.resourceId === 1)?.value, true);
});

test('a PSK account without credentials is a configuration error', () => {
  assert.throws(
    () => buildScript({ servers: [{ serverUri: 'coaps://h:5684', securityMode: 'psk', shortServerId: 1 }] }),
    InputError,
  );
});
