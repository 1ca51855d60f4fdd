import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DdfError } from './errors.ts';
import { loadDdf, parseDdf } from './ddf-loader.ts';

function ddf(objectBody: string, items: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<LWM2M><Object ObjectType="MODefinition">${objectBody}<Resources>${items}</Resources></Object></LWM2M>`;
}
const HEAD = `<Name>Vendor Thing</Name><Description1>A thing.</Description1><ObjectID>10250</ObjectID>
  <ObjectURN>urn:oma:lwm2m:x:10250</ObjectURN><MultipleInstances>Multiple</MultipleInstances><Mandatory>Optional</Mandatory>`;
const ITEM = (id: string, type = 'Integer', ops = 'RW', range = '') => `<Item ID="${id}"><Name>Level  ${id}</Name><Operations>${ops}</Operations>
  <MultipleInstances>Single</MultipleInstances><Mandatory>Mandatory</Mandatory><Type>${type}</Type>
  <RangeEnumeration>${range}</RangeEnumeration><Units>%</Units><Description>Level.</Description></Item>`;

test('a vendor DDF becomes an ObjectDefinition', () => {
  const [def] = parseDdf(ddf(HEAD, ITEM('1', 'Integer', 'RW', '0..100') + ITEM('2', '', 'E')), 'vendor.xml');
  assert.ok(def);
  assert.equal(def.id, 10250);
  assert.equal(def.version, '1.0');
  assert.equal(def.multipleInstances, true);
  assert.equal(def.mandatory, false);
  assert.equal(def.resources[0]?.name, 'Level 1', 'whitespace inside names is collapsed');
  assert.deepEqual(def.resources[0]?.rangeEnumeration, { kind: 'range', min: 0, max: 100, text: '0..100' });
  assert.equal(def.resources[0]?.units, '%');
  assert.equal(def.resources[1]?.type, 'none');
  assert.equal(def.resources[1]?.operations, 'E');
});

test('bad DDF input gives a DdfError naming the file and the element', () => {
  const cases: Array<[string, RegExp]> = [
    ['<LWM2M><Object>', /document|LWM2M/],
    ['<Other/>', /LWM2M/],
    [ddf(HEAD.replace('10250', 'abc'), ITEM('1')), /ObjectID/],
    [ddf(HEAD, ITEM('1', 'Quaternion')), /Item ID=1\/Type/],
    [ddf(HEAD, ITEM('1', 'Integer', 'RX')), /Operations/],
    [ddf(HEAD, ITEM('1') + ITEM('1')), /duplicate resource id/],
    [ddf(HEAD.replace('<MultipleInstances>Multiple', '<MultipleInstances>Many'), ITEM('1')), /MultipleInstances/],
    [ddf(HEAD, ITEM('70000')), /@ID/],
  ];
  for (const [xml, pattern] of cases) {
    assert.throws(() => parseDdf(xml, 'bad.xml'), (err: unknown) => {
      assert.ok(err instanceof DdfError, `DdfError for ${xml.slice(0, 40)}`);
      assert.equal(err.file, 'bad.xml');
      assert.match(err.message, pattern);
      return true;
    });
  }
});

test('loadDdf reads a directory of vendor objects and reports a missing path', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ddf-'));
  try {
    await writeFile(join(dir, 'a.xml'), ddf(HEAD, ITEM('1')));
    await writeFile(join(dir, 'b.xml'), ddf(HEAD.replace(/10250/g, '10251'), ITEM('3', 'String')));
    await writeFile(join(dir, 'notes.txt'), 'ignored');
    const defs = await loadDdf(dir);
    assert.deepEqual(defs.map((d) => d.id), [10250, 10251]);
    await assert.rejects(loadDdf(join(dir, 'missing.xml')), DdfError);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
