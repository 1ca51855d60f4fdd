import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_CATALOGUE } from '../../devices/emulated/fault-catalogue.ts';
import type { Scenario } from '../../harness/engine/scenario.ts';
import { scenarios as firmwareScenarios } from '../firmware/index.ts';
import { scenarios } from './index.ts';
import { AZ_033 } from './helpers/ids.ts';
import { failedChecks, runScenarios, verdictsOf } from './testing/run-area.ts';

/**
 * The fault matrix runs this area together with suites/firmware: HLF-003 (firmware version) is read here
 * (int-652) but only a firmware update can show a version that does not change (int-770-firmware-version).
 */
const OWNED: readonly Scenario[] = [...scenarios, ...firmwareScenarios];
const OWNED_REQUIREMENTS = [...new Set(OWNED.flatMap((s) => s.verifies))].sort();

/** Verdicts the conformant emulated client earns that are not `pass`, with the reason. */
const EXPECTED_NOT_PASS: Record<string, string> = {};

/** Faults whose breaks this area cannot show yet, with the reason (printed as the skip reason). */
const CANNOT_SHOW: Record<string, string> = {};

test('the conformant emulated client: every device-management scenario passes and records its evidence', async () => {
  const results = await runScenarios(scenarios);
  const detail = JSON.stringify(verdictsOf(results), null, 2);
  for (const s of results.scenarios) {
    assert.equal(s.verdict, EXPECTED_NOT_PASS[s.id] ?? 'pass', `${s.id}\n${detail}\n${failedChecks(results).join('\n')}`);
    if (s.verdict !== 'pass') continue;
    assert.ok(s.evidence.some((e) => e.kind === 'expectation'), `${s.id} records its checks`);
    assert.ok(s.evidence.some((e) => e.kind === 'exchange'), `${s.id} records the exchange that shows the behaviour`);
  }
  assert.equal(results.scenarios.length, scenarios.length);
});

test('AZ-033: with two servers the conformant client answers 4.01 to the server without rights; acl-ignored fails it', async () => {
  const { accessControlPerServer } = await import('./access-control.ts');
  const conformant = await runScenarios([accessControlPerServer]);
  assert.equal(conformant.scenarios[0]?.verdict, 'pass', failedChecks(conformant).join('\n') + (conformant.scenarios[0]?.reason ?? ''));
  const faulty = await runScenarios([accessControlPerServer], ['acl-ignored']);
  assert.equal(faulty.requirements.find((r) => r.id === AZ_033)?.verdict, 'fail');
  const failed = failedChecks(faulty).join('\n');
  assert.match(failed, /B \(no ACL entry\) Read \/3\/0\/0 answers 4\.01/);
});

for (const fault of FAULT_CATALOGUE) {
  const broken = fault.breaks.filter((id) => OWNED_REQUIREMENTS.includes(id));
  test(`fault ${fault.name}: fails exactly ${broken.length > 0 ? broken.join(', ') : 'none of the DM and firmware requirements'}`, async (t) => {
    const gap = CANNOT_SHOW[fault.name];
    if (gap !== undefined) return t.skip(gap);
    const results = await runScenarios(OWNED, [fault.name]);
    const detail = `${JSON.stringify(verdictsOf(results), null, 2)}\n${failedChecks(results).join('\n')}`;
    const verdict = (id: string): string | undefined => results.requirements.find((r) => r.id === id)?.verdict;
    for (const id of broken) assert.equal(verdict(id), 'fail', `${id} must fail under ${fault.name}\n${detail}`);
    for (const id of OWNED_REQUIREMENTS.filter((r) => !broken.includes(r))) {
      assert.notEqual(verdict(id), 'fail', `${id} must not fail under ${fault.name}\n${detail}`);
    }
    assert.ok(!results.scenarios.some((s) => s.verdict === 'error'), `no harness error under ${fault.name}\n${detail}`);
  });
}
