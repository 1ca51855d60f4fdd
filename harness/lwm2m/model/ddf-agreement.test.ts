import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDdf, loadDdfFile } from './ddf-loader.ts';
import { builtinRegistry } from './registry.ts';

// The project root is four levels up from harness/lwm2m/model; the spec lives beside the project.
const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ddfDir = join(projectRoot, '..', 'shared', 'spec', 'ddf');
const present = existsSync(ddfDir);

/** The DDF each hand-written object was written from (LwM2M 1.0 variants where the registry has one). */
const SOURCES: Record<number, string> = {
  0: '0-1_0.xml', 1: '1-1_0.xml', 2: '2-1_0.xml', 3: '3-1_0.xml', 4: '4-1_0.xml', 5: '5-1_0.xml',
  6: '6.xml', 7: '7.xml', 3303: '3303-1_0.xml', 3311: '3311.xml', 3312: '3312-1_0.xml',
};

test('every DDF in the spec folder loads', async (t) => {
  if (!present) return t.skip(`spec DDF folder not found at ../shared/spec/ddf (relative to the project root)`);
  const { readdir } = await import('node:fs/promises');
  const files = (await readdir(ddfDir)).filter((f) => f.endsWith('.xml'));
  assert.ok(files.length >= 11, `expected the DDF files, found ${files.length}`);
  for (const f of files) {
    const defs = await loadDdfFile(join(ddfDir, f));
    assert.equal(defs.length, 1, f);
    assert.ok((defs[0]?.resources.length ?? 0) > 0, `${f} has resources`);
  }
});

test('hand-written objects agree with their DDF on ids, names, operations, multiplicity, mandatory, types', async (t) => {
  if (!present) return t.skip(`spec DDF folder not found at ../shared/spec/ddf (relative to the project root)`);
  const registry = builtinRegistry();
  assert.deepEqual(registry.ids(), Object.keys(SOURCES).map(Number).sort((a, b) => a - b));
  for (const [id, file] of Object.entries(SOURCES)) {
    const [ddf] = await loadDdfFile(join(ddfDir, file));
    assert.ok(ddf, file);
    const ours = registry.object(Number(id));
    assert.ok(ours, `object ${id} registered`);
    assert.equal(ours.id, ddf.id, file);
    assert.equal(ours.name, ddf.name, `${file} name`);
    assert.equal(ours.urn, ddf.urn, `${file} urn`);
    assert.equal(ours.version, ddf.version, `${file} version`);
    assert.equal(ours.multipleInstances, ddf.multipleInstances, `${file} multiplicity`);
    assert.equal(ours.mandatory, ddf.mandatory, `${file} mandatory`);
    assert.deepEqual(ours.resources.map((r) => r.id), ddf.resources.map((r) => r.id), `${file} resource ids`);
    for (const r of ddf.resources) {
      const mine = registry.resource(ddf.id, r.id);
      assert.ok(mine, `${file} resource ${r.id}`);
      const where = `${file} resource ${r.id}`;
      assert.equal(mine.name, r.name, `${where} name`);
      assert.equal(mine.operations, r.operations, `${where} operations`);
      assert.equal(mine.multipleInstances, r.multipleInstances, `${where} multiplicity`);
      assert.equal(mine.mandatory, r.mandatory, `${where} mandatory`);
      assert.equal(mine.type, r.type, `${where} type`);
      assert.equal(mine.units, r.units, `${where} units`);
    }
  }
});

test('the whole spec DDF folder loads as a directory (--objects DIR) and rejects the duplicate ids in it', async (t) => {
  if (!present) return t.skip(`spec DDF folder not found at ../shared/spec/ddf (relative to the project root)`);
  // The folder holds two variants of several objects (N.xml and N-1_0.xml), so a directory load must refuse.
  await assert.rejects(loadDdf(ddfDir), (err: Error) => err.name === 'DdfError' && /also defined in/.test(err.message));
});
