/**
 * The fault matrix (DESIGN §3.7, issue acceptance "Fault matrix"): for each fault of the catalogue, a run of every
 * suite with that fault gives `fail` on each requirement in its `breaks` and on no other requirement.
 * Split into parts so the test runner can spread them over both cores.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_CATALOGUE } from '../../devices/emulated/fault-catalogue.ts';
import { failureLines, requirementVerdicts, runAllSuites } from './run-all.ts';

export function faultMatrixPart(part: number, parts: number): void {
  const faults = FAULT_CATALOGUE.filter((_, i) => i % parts === part);
  for (const fault of faults) {
    test(`fault ${fault.name} fails exactly ${fault.breaks.join(', ')}`, async () => {
      const results = await runAllSuites([fault.name]);
      const verdicts = requirementVerdicts(results);
      const failing = Object.entries(verdicts)
        .filter(([, v]) => v === 'fail')
        .map(([id]) => id)
        .sort();
      assert.deepEqual(failing, [...fault.breaks].sort(), `requirements failing under ${fault.name}:\n${failureLines(results).join('\n')}`);
      assert.equal(results.summary.error, 0, `no harness error under ${fault.name}:\n${failureLines(results).join('\n')}`);
    });
  }
}
