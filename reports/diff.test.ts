import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffResults, hasNewFailures, renderDiffText } from './diff.ts';
import type { ScenarioResult } from './results-schema.ts';
import { resultsFrom, sampleResults, sampleScenarios, scenario } from './testing/sample-results.ts';

function withVerdicts(changes: Record<string, Partial<ScenarioResult>>, drop: string[] = [], add: ScenarioResult[] = []) {
  const scenarios = sampleScenarios()
    .filter((s) => !drop.includes(s.id))
    .map((s) => ({ ...s, ...changes[s.id] }));
  return resultsFrom([...scenarios, ...add], { run: { id: 'run-new', seed: 43 } });
}

test('identical results have no changes', () => {
  const diff = diffResults(sampleResults(), sampleResults());
  for (const part of [diff.requirements, diff.scenarios]) {
    assert.deepEqual(Object.values(part).map((l) => l.length), [0, 0, 0, 0, 0, 0]);
  }
  assert.equal(hasNewFailures(diff), false);
  assert.match(renderDiffText(diff), /No verdict changed\./);
});

test('new failures, fixes and other changes per requirement and per scenario', () => {
  const newer = withVerdicts({
    'registration/register-basic': { verdict: 'fail', reason: 'no ep' },
    'reporting/observe-pmin': { verdict: 'pass' },
    'security/dtls-psk-register': { verdict: 'inconclusive' },
  });
  const diff = diffResults(sampleResults(), newer);
  assert.deepEqual(diff.scenarios.newFailures.map((c) => [c.id, c.old, c.new]), [['registration/register-basic', 'pass', 'fail']]);
  assert.deepEqual(diff.scenarios.fixed.map((c) => c.id), ['reporting/observe-pmin']);
  assert.deepEqual(diff.scenarios.changed.map((c) => c.id), ['registration/register-basic', 'reporting/observe-pmin', 'security/dtls-psk-register']);
  assert.deepEqual(diff.requirements.newFailures.map((c) => c.id), [
    'LightweightM2M-HLF-001', 'LightweightM2M-HLF-014', 'LightweightM2M-HLF-023',
  ]);
  // HLF-020 was fail only through observe-pmin; HLF-022 also gains observe-pmax's warning but verdict changes.
  assert.deepEqual(diff.requirements.fixed.map((c) => c.id), ['LightweightM2M-HLF-020', 'LightweightM2M-HLF-022']);
  assert.deepEqual(
    diff.requirements.changed.filter((c) => c.old === 'error').map((c) => [c.id, c.new]),
    [['LightweightM2M-SEC-001', 'inconclusive'], ['LightweightM2M-CF-001', 'inconclusive']],
  );
  assert.equal(hasNewFailures(diff), true);
  const text = renderDiffText(diff);
  assert.match(text, /^new: run-new \(emulated-conformant, seed 43\)$/m);
  assert.match(text, /Requirements: new failures \(3\)\n  LightweightM2M-HLF-001  pass -> fail  Unique device identifier/);
  assert.match(text, /Scenarios: fixed \(1\)\n  reporting\/observe-pmin  fail -> pass/);
  assert.match(text, /Scenarios: other verdict changes \(1\)\n  security\/dtls-psk-register  error -> inconclusive/);
});

test('added and removed items; a new item that fails is a new failure', () => {
  const extra = scenario({ id: 'device/reboot', verifies: ['LightweightM2M-HLF-008'], verdict: 'fail' });
  const newer = withVerdicts({}, ['transport/sms-registration'], [extra]);
  const diff = diffResults(sampleResults(), newer);
  assert.deepEqual(diff.scenarios.added.map((c) => [c.id, c.old, c.new]), [['device/reboot', null, 'fail']]);
  assert.deepEqual(diff.scenarios.removed.map((c) => [c.id, c.old, c.new]), [['transport/sms-registration', 'not-supported', null]]);
  assert.deepEqual(diff.requirements.added.map((c) => c.id), ['LightweightM2M-HLF-008']);
  assert.deepEqual(diff.requirements.removed.map((c) => c.id), ['LightweightM2M-HLF-015']);
  assert.deepEqual(diff.scenarios.newFailures.map((c) => c.id), ['device/reboot']);
  assert.match(renderDiffText(diff), /Scenarios: removed \(1\)\n  transport\/sms-registration  not-supported -> \(absent\)/);
});

test('a pass that gains a warning is listed as a new warning', () => {
  const newer = withVerdicts({
    'transport/con-retransmit': { warnings: [{ code: 'slow-retransmit', message: 'close to the limit' }] },
  });
  const diff = diffResults(sampleResults(), newer);
  assert.deepEqual(diff.scenarios.newWarnings.map((c) => c.id), ['transport/con-retransmit']);
  assert.deepEqual(diff.requirements.newWarnings.map((c) => c.id), ['LightweightM2M-HLF-036']);
  assert.equal(hasNewFailures(diff), false);
});
