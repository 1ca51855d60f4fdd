import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePath } from '../path.ts';
import { ContentFormat } from '../values.ts';
import { decodeContent, encodeContent } from './index.ts';
import { deviceInstanceEntries, exampleRegistry, hex } from './spec-examples.ts';

// SenML CBOR payloads of the LwM2M 1.1 TS Core (OMA-TS-LightweightM2M_Core-V1_1-20180710-A) §7.4.4,
// Tables 7.4.4-2 to 7.4.4-8, byte for byte.
const registry = exampleRegistry();
const CBOR = ContentFormat.SENML_CBOR;
const text = (s: string): string => Buffer.from(s).toString('hex');

// Table 7.4.4-2: Read /3/0.
const DEVICE = hex(
  '90 a3 21 65' + text('/3/0/') + '00 61 30 03 74' + text('Open Mobile Alliance') +
  'a2 00 61 31 03 76' + text('Lightweight M2M Client') +
  'a2 00 61 32 03 69' + text('345000123') +
  'a2 00 61 33 03 63' + text('1.0') +
  'a2 00 63 36 2f 30 02 01 a2 00 63 36 2f 31 02 05' +
  'a2 00 63 37 2f 30 02 19 0e d8 a2 00 63 37 2f 31 02 19 13 88' +
  'a2 00 63 38 2f 30 02 18 7d a2 00 63 38 2f 31 02 19 03 84' +
  'a2 00 61 39 02 18 64 a2 00 62 31 30 02 0f a2 00 64 31 31 2f 30 02 00' +
  'a2 00 62 31 33 02 1a 51 82 42 8f a2 00 62 31 34 03 66' + text('+02:00') + 'a2 00 62 31 36 03 61 55',
);

test('SenML CBOR golden: Table 7.4.4-2 Read /3/0', () => {
  const ctx = { path: parsePath('/3/0'), registry };
  assert.equal(encodeContent(CBOR, deviceInstanceEntries(), ctx).toString('hex'), DEVICE.toString('hex'));
  assert.deepEqual(decodeContent(CBOR, DEVICE, ctx), deviceInstanceEntries());
});

// Table 7.4.4-3: three timestamped values of /72/1/2 (doubles, relative times against bt).
const HISTORY = hex(
  '83 a5 21 64' + text('/72/') + '22 1a 01 84 87 6a 00 63' + text('1/2') + '02 fb 40 36 66 66 66 66 66 66 06 24' +
  'a3 00 63' + text('1/2') + '02 fb 40 36 e6 66 66 66 66 66 06 38 1d' +
  'a3 00 63' + text('1/2') + '02 fb 40 38 19 99 99 99 99 9a 06 38 31',
);

test('SenML CBOR golden: Table 7.4.4-3 timestamped values', () => {
  const ctx = { path: parsePath('/72'), registry };
  const entries = decodeContent(CBOR, HISTORY, ctx);
  assert.deepEqual(entries, [
    { path: parsePath('/72/1/2'), value: 22.4, time: 25462634 - 5 },
    { path: parsePath('/72/1/2'), value: 22.9, time: 25462634 - 30 },
    { path: parsePath('/72/1/2'), value: 24.1, time: 25462634 - 50 },
  ]);
  // Re-encoded with our base time choice (the latest), the same records and the same doubles come out.
  const again = encodeContent(CBOR, entries, ctx);
  assert.ok(again.includes(hex('02 fb 40 38 19 99 99 99 99 9a')), 'double 24.1 as in the table');
  assert.deepEqual(decodeContent(CBOR, again, ctx), entries);
});

// Table 7.4.4-4: a root-level payload with Objlnk values ("vlo") across objects 65, 66 and 67.
const LINKS = hex(
  '8c a3 21 61 2f 00 68' + text('65/0/0/0') + '63' + text('vlo') + '64' + text('66:0') +
  'a2 00 68' + text('65/0/0/1') + '63' + text('vlo') + '64' + text('66:1') +
  'a2 00 66' + text('65/0/1') + '03 6d' + text('8613800755500') +
  'a2 00 66' + text('65/0/2') + '02 01' +
  'a2 00 66' + text('66/0/0') + '03 6a' + text('myService1') +
  'a2 00 66' + text('66/0/1') + '03 6f' + text('Internet.15.234') +
  'a2 00 66' + text('66/0/2') + '63' + text('vlo') + '64' + text('67:0') +
  'a2 00 66' + text('66/1/0') + '03 6a' + text('myService2') +
  'a2 00 66' + text('66/1/1') + '03 6f' + text('Internet.15.235') +
  'a2 00 66' + text('66/1/2') + '63' + text('vlo') + '6b' + text('65535:65535') +
  'a2 00 66' + text('67/0/0') + '03 6b' + text('85.76.76.84') +
  'a2 00 66' + text('67/0/1') + '03 6d' + text('85.76.255.255'),
);

test('SenML CBOR golden: Table 7.4.4-4 object links from the root', () => {
  const entries = decodeContent(CBOR, LINKS, { registry });
  assert.equal(entries.length, 12);
  assert.deepEqual(entries[0], { path: parsePath('/65/0/0/0'), value: { objectId: 66, instanceId: 0 } });
  assert.deepEqual(entries[9], { path: parsePath('/66/1/2'), value: { objectId: 65535, instanceId: 65535 } });
  assert.deepEqual(entries[3], { path: parsePath('/65/0/2'), value: 1 });
  assert.equal(encodeContent(CBOR, entries, { registry }).toString('hex'), LINKS.toString('hex'));
});

test('SenML CBOR golden: Table 7.4.4-5 a single resource', () => {
  const bytes = hex('81 a2 21 66' + text('/3/0/0') + '03 74' + text('Open Mobile Alliance'));
  const ctx = { path: parsePath('/3/0/0'), registry };
  const entries = [{ path: parsePath('/3/0/0'), value: 'Open Mobile Alliance' }];
  assert.deepEqual(decodeContent(CBOR, bytes, ctx), entries);
  assert.equal(encodeContent(CBOR, entries, ctx).toString('hex'), bytes.toString('hex'));
});

test('SenML CBOR golden: Tables 7.4.4-7 and 7.4.4-8 absolute names without a base name', () => {
  const composite = hex(
    '83 a2 00 66' + text('/3/0/0') + '03 74' + text('Open Mobile Alliance') +
    'a2 00 66' + text('/3/0/9') + '02 18 5f a2 00 66' + text('/1/0/1') + '02 1a 00 01 51 80',
  );
  assert.deepEqual(decodeContent(CBOR, composite, { registry }), [
    { path: parsePath('/3/0/0'), value: 'Open Mobile Alliance' },
    { path: parsePath('/3/0/9'), value: 95 },
    { path: parsePath('/1/0/1'), value: 86400 },
  ]);
  const write = hex(
    '84 a2 00 6c' + text('/3311/0/5850') + '04 f4 a2 00 6c' + text('/3311/1/5850') + '04 f4' +
    'a2 00 6c' + text('/3311/2/5851') + '02 14 a2 00 6c' + text('/3308/0/5900') + '02 12',
  );
  assert.deepEqual(decodeContent(CBOR, write, { registry }), [
    { path: parsePath('/3311/0/5850'), value: false },
    { path: parsePath('/3311/1/5850'), value: false },
    { path: parsePath('/3311/2/5851'), value: 20 },
    { path: parsePath('/3308/0/5900'), value: 18 },
  ]);
});
