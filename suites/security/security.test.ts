import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunResults } from '../../reports/results-schema.ts';
import { EmulatedDevice, type EmulatedDeviceOptions } from '../../devices/emulated/emulated-device.ts';
import { FAULT_CATALOGUE } from '../../devices/emulated/fault-catalogue.ts';
import { loadEtsCatalogue, requirements } from '../../harness/engine/catalogue.ts';
import { runScenarios, verdictSummary as summary } from '../device-management/testing/run-area.ts';
import { scenarios } from './index.ts';

const AREA_REQUIREMENTS = new Set(scenarios.flatMap((s) => s.verifies));

function runWith(faults: string[], options: Partial<EmulatedDeviceOptions> = {}): Promise<RunResults> {
  return runScenarios(scenarios, faults, 21, { label: 'security', device: new EmulatedDevice({ faults, ...options }) });
}

test('every security scenario names known requirements and ETS cases, needs dtls-psk and runs on the secure servers', () => {
  const known = new Set(requirements().map((r) => r.id));
  const cases = new Set(loadEtsCatalogue().cases.map((c) => c.id));
  assert.equal(new Set(scenarios.map((s) => s.id)).size, scenarios.length);
  for (const s of scenarios) {
    assert.equal(s.suite, 'security');
    assert.equal(s.security, 'psk', s.id);
    assert.ok(s.requires?.features?.includes('dtls-psk'), `${s.id} needs dtls-psk`);
    for (const id of s.verifies) assert.ok(known.has(id), `${s.id}: unknown requirement ${id}`);
    for (const id of s.ets) assert.ok(cases.has(id), `${s.id}: unknown ETS case ${id}`);
  }
});

test('the PSK emulated client passes every security scenario', async () => {
  const results = await runWith([]);
  for (const s of results.scenarios) assert.equal(s.verdict, 'pass', `${s.id} should pass\n${summary(results)}`);
});

test('a NoSec-only device profile makes every security scenario not-supported', async () => {
  const results = await runWith([], { security: 'nosec' });
  for (const s of results.scenarios) assert.equal(s.verdict, 'not-supported', `${s.id}\n${summary(results)}`);
});

// Every fault, not only this area's: a fault elsewhere must not turn any security requirement to fail.
for (const fault of FAULT_CATALOGUE) {
  const ours = fault.breaks.filter((r) => AREA_REQUIREMENTS.has(r));
  test(`fault '${fault.name}' fails ${ours.length > 0 ? ours.join(', ') : 'nothing'} in the security suite`, async () => {
    const results = await runWith([fault.name]);
    const verdicts = new Map(results.requirements.map((r) => [r.id, r.verdict]));
    for (const req of ours) assert.equal(verdicts.get(req), 'fail', `${req} should fail under ${fault.name}\n${summary(results)}`);
    for (const req of AREA_REQUIREMENTS) {
      if (!fault.breaks.includes(req)) assert.notEqual(verdicts.get(req), 'fail', `${req} must not fail under ${fault.name}\n${summary(results)}`);
    }
    assert.ok(results.scenarios.every((s) => s.verdict !== 'error'), `no scenario errors\n${summary(results)}`);
  });
}
