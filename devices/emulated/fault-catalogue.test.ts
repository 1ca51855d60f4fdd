import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RELEASE_1_0_IDS, isRequirementId } from '../../harness/engine/requirement-ids.ts';
import { FAULT_CATALOGUE, catalogueJson, findFault } from './fault-catalogue.ts';
import { FaultHook } from './faults.ts';

/** Security requirements that need DTLS (AZ-033 works without it and is covered now). */
const NEEDS_DTLS = ['SEC-001', 'SEC-002', 'AT-001', 'DI-001', 'CF-001'].map((s) => `LightweightM2M-${s}`);

test('every fault names real requirement ids and a hook the client implements, once', () => {
  const names = FAULT_CATALOGUE.map((f) => f.name);
  assert.equal(new Set(names).size, names.length, 'names are unique');
  assert.deepEqual(new Set(names), new Set(Object.values(FaultHook)), 'one catalogue entry per hook');
  for (const f of FAULT_CATALOGUE) {
    assert.ok(f.breaks.length > 0, `${f.name} breaks something`);
    for (const id of f.breaks) assert.ok(isRequirementId(id) && RELEASE_1_0_IDS.includes(id), `${f.name}: ${id}`);
    assert.ok(f.description.length > 20, `${f.name} is described`);
  }
});

test('every release-1.0 requirement that needs no DTLS is broken by at least one fault', () => {
  const covered = new Set(FAULT_CATALOGUE.flatMap((f) => f.breaks));
  const missing = RELEASE_1_0_IDS.filter((id) => !NEEDS_DTLS.includes(id) && !covered.has(id));
  assert.deepEqual(missing, []);
  assert.equal(RELEASE_1_0_IDS.length - NEEDS_DTLS.length, 38);
});

test('faults --json shape is exactly name, breaks, description', () => {
  for (const entry of catalogueJson()) assert.deepEqual(Object.keys(entry), ['name', 'breaks', 'description']);
  assert.equal(findFault('notify-before-pmin')?.breaks.length, 2);
  assert.equal(findFault('no-such-fault'), undefined);
});
