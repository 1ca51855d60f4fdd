import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePath } from '../path.ts';
import { parseRangeEnumeration } from './range.ts';
import { ObjectRegistry, builtinRegistry, resourceDefinition } from './registry.ts';
import { validateValue } from './validate.ts';

test('registry lookups by object and resource id', () => {
  const r = builtinRegistry();
  assert.equal(r.object(3)?.name, 'Device');
  assert.equal(r.resource(3, 0)?.name, 'Manufacturer');
  assert.equal(r.resource(3, 99), undefined);
  assert.equal(r.object(9999), undefined);
  assert.equal(resourceDefinition(r, parsePath('/3/0/6/1'))?.multipleInstances, true);
  assert.equal(resourceDefinition(r, parsePath('/3/0')), undefined);
  assert.equal(r.resource(1, 7)?.type, 'String');
  assert.equal(r.resource(5, 2)?.operations, 'E');
});

test('register replaces an object and clone is independent; builtinRegistry is fresh each call', () => {
  const r = builtinRegistry();
  const copy = r.clone();
  const prev = copy.register({ ...r.object(3)!, name: 'Vendor Device', resources: [] });
  assert.equal(prev?.name, 'Device');
  assert.equal(copy.object(3)?.name, 'Vendor Device');
  assert.equal(copy.resource(3, 0), undefined);
  assert.equal(r.object(3)?.name, 'Device');
  assert.equal(builtinRegistry().object(3)?.name, 'Device');
  assert.equal(new ObjectRegistry().ids().length, 0);
});

test('range texts of the registry parse', () => {
  assert.deepEqual(parseRangeEnumeration('0-255 bytes', 'String'), { kind: 'length', min: 0, max: 255, text: '0-255 bytes' });
  assert.deepEqual(parseRangeEnumeration('6 bytes', 'Opaque'), { kind: 'length', min: 6, max: 6, text: '6 bytes' });
  assert.deepEqual(parseRangeEnumeration('16-32-48 bytes', 'Opaque'), { kind: 'length', min: 16, max: 48, allowed: [16, 32, 48], text: '16-32-48 bytes' });
  assert.deepEqual(parseRangeEnumeration('1..65534', 'Integer'), { kind: 'range', min: 1, max: 65534, text: '1..65534' });
  assert.deepEqual(parseRangeEnumeration('-40-85', 'Float'), { kind: 'range', min: -40, max: 85, text: '-40-85' });
  assert.deepEqual(parseRangeEnumeration('16-bit', 'Integer'), { kind: 'range', min: 0, max: 65535, text: '16-bit' });
  assert.deepEqual(parseRangeEnumeration('0..255', 'String'), { kind: 'length', min: 0, max: 255, text: '0..255' });
  assert.deepEqual(parseRangeEnumeration('U, UQ,S', 'String'), { kind: 'enumeration', values: ['U', 'UQ', 'S'], text: 'U, UQ,S' });
  assert.equal(parseRangeEnumeration('  ', 'String'), undefined);
  assert.equal(parseRangeEnumeration('see the spec', 'String')?.kind, 'unparsed');
});

test('validateValue checks type and range', () => {
  const r = builtinRegistry();
  const battery = r.resource(3, 9)!;
  assert.deepEqual(validateValue(battery, 50), { ok: true });
  assert.equal(validateValue(battery, 101).ok, false);
  assert.equal(validateValue(battery, 5.5).ok, false);
  assert.equal(validateValue(battery, '50').ok, false);
  const binding = r.resource(1, 7)!;
  assert.equal(validateValue(binding, 'UQ').ok, true);
  assert.equal(validateValue(binding, 'X').ok, false);
  const smsKey = r.resource(0, 8)!;
  assert.equal(validateValue(smsKey, Buffer.alloc(32)).ok, true);
  assert.equal(validateValue(smsKey, Buffer.alloc(33)).ok, false);
  assert.equal(validateValue(r.resource(3, 22)!, { objectId: 3, instanceId: 0 }).ok, true);
  assert.equal(validateValue(r.resource(3, 22)!, { objectId: 70000, instanceId: 0 }).ok, false);
  assert.equal(validateValue(r.resource(3, 4)!, 1).ok, false, 'executable has no value');
  assert.equal(validateValue(r.resource(3311, 5850)!, true).ok, true);
  const res = validateValue(r.resource(6, 0)!, Number.NaN);
  assert.equal(res.ok, false);
  if (!res.ok) assert.match(res.reason, /Latitude/);
});
