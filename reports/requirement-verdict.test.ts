import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRequirementIds, groupRequirements } from './requirement-groups.ts';
import { recomputeRequirement } from './requirement-verdict.ts';
import type { RequirementResult, ResultVerdict } from './results-schema.ts';
import { scenario } from './testing/sample-results.ts';

const base: RequirementResult = { id: 'LightweightM2M-HLF-004', title: 'Firmware update', release: '1.0', verdict: 'inconclusive', scenarios: [], reason: '' };

function verdictOf(...verdicts: ResultVerdict[]): ResultVerdict {
  const scenarios = verdicts.map((verdict, i) => scenario({ id: `s${i}`, verifies: [base.id], verdict }));
  return recomputeRequirement(base, scenarios).verdict;
}

test('a requirement takes the worst verdict of its scenarios', () => {
  assert.equal(verdictOf('pass', 'fail', 'inconclusive'), 'fail');
  assert.equal(verdictOf('fail', 'error'), 'error');
  assert.equal(verdictOf('pass', 'inconclusive'), 'inconclusive');
  // One mechanism declared absent, another passing: the requirement passes (engine ranking).
  assert.equal(verdictOf('pass', 'not-supported'), 'pass');
  assert.equal(verdictOf('not-supported', 'not-supported'), 'not-supported');
});

test('the reason names the deciding scenario; uncovered requirements keep their own verdict', () => {
  const r = recomputeRequirement(base, [
    scenario({ id: 'push', verifies: [base.id], verdict: 'pass' }),
    scenario({ id: 'pull', verifies: [base.id], verdict: 'fail', reason: 'no Update Result' }),
    scenario({ id: 'other', verifies: ['LightweightM2M-HLF-001'], verdict: 'error' }),
  ]);
  assert.deepEqual([r.verdict, r.reason, r.scenarios], ['fail', 'pull: no Update Result', ['push', 'pull']]);
  const ffs = { ...base, id: 'LightweightM2M-HLF-018', verdict: 'not-applicable' as const, reason: 'FFS' };
  assert.deepEqual(recomputeRequirement(ffs, []), ffs);
});

test('requirements sort and group in RD order', () => {
  const ids = ['LightweightM2M-CF-001', 'LightweightM2M-HLF-010', 'LightweightM2M-SEC-002', 'LightweightM2M-HLF-002', 'LightweightM2M-AT-001'];
  assert.deepEqual([...ids].sort(compareRequirementIds), [
    'LightweightM2M-HLF-002', 'LightweightM2M-HLF-010', 'LightweightM2M-SEC-002', 'LightweightM2M-AT-001', 'LightweightM2M-CF-001',
  ]);
  const groups = groupRequirements(ids.map((id) => ({ ...base, id })));
  assert.deepEqual(groups.map((g) => g.name), ['High-Level Functional', 'Security', 'Authentication', 'Confidentiality']);
  assert.equal(groupRequirements([{ ...base, group: 'Custom' }])[0]?.name, 'Custom');
});
