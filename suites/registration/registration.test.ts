import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunResults } from '../../reports/results-schema.ts';
import { FAULT_CATALOGUE } from '../../devices/emulated/fault-catalogue.ts';
import { loadEtsCatalogue, requirements } from '../../harness/engine/catalogue.ts';
import { runScenarios, verdictSummary as summary } from '../device-management/testing/run-area.ts';
import { scenarios } from './index.ts';

const AREA_REQUIREMENTS = new Set(scenarios.flatMap((s) => s.verifies));

/** Scenarios that cannot pass against the built-in emulated client, and why. */
const EXPECTED_NOT_PASS: Record<string, { verdict: string; why: string }> = {};

function runWith(faults: string[]): Promise<RunResults> {
  return runScenarios(scenarios, faults, 11, { label: 'registration' });
}

test('every scenario names known requirements and ETS cases, with a unique id', () => {
  const known = new Set(requirements().map((r) => r.id));
  const cases = new Set(loadEtsCatalogue().cases.map((c) => c.id));
  assert.equal(new Set(scenarios.map((s) => s.id)).size, scenarios.length);
  for (const s of scenarios) {
    assert.equal(s.suite, 'registration');
    assert.ok(s.verifies.length > 0, `${s.id} verifies something`);
    for (const id of s.verifies) assert.ok(known.has(id), `${s.id}: unknown requirement ${id}`);
    for (const id of s.ets) assert.ok(cases.has(id), `${s.id}: unknown ETS case ${id}`);
  }
});

test('the conformant emulated client gives no fail and no error in the registration suite', async () => {
  const results = await runWith([]);
  for (const s of results.scenarios) {
    const expected = EXPECTED_NOT_PASS[s.id];
    if (expected) assert.equal(s.verdict, expected.verdict, `${s.id}: ${expected.why}\n${summary(results)}`);
    else assert.equal(s.verdict, 'pass', `${s.id} should pass\n${summary(results)}`);
  }
});

// Every fault, not only this area's: a fault elsewhere must not turn any requirement of this area to fail.
for (const fault of FAULT_CATALOGUE) {
  const ours = fault.breaks.filter((r) => AREA_REQUIREMENTS.has(r));
  test(`fault '${fault.name}' fails ${ours.length > 0 ? ours.join(', ') : 'nothing'} in this area`, async () => {
    const results = await runWith([fault.name]);
    const verdicts = new Map(results.requirements.map((r) => [r.id, r.verdict]));
    for (const req of ours) {
      assert.equal(verdicts.get(req), 'fail', `${req} should fail under ${fault.name}\n${summary(results)}`);
    }
    for (const req of AREA_REQUIREMENTS) {
      if (!fault.breaks.includes(req)) assert.notEqual(verdicts.get(req), 'fail', `${req} must not fail under ${fault.name}\n${summary(results)}`);
    }
    assert.ok(results.scenarios.every((s) => s.verdict !== 'error'), `no scenario errors\n${summary(results)}`);
  });
}
