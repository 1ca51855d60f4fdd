import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Scenario } from '../../harness/engine/scenario.ts';
import { DEFAULT_TOLERANCES, type DeviceUnderTest, type TimingTolerances } from '../../harness/engine/device.ts';
import type { RunResults } from '../../reports/results-schema.ts';
import { EmulatedDevice } from '../../devices/emulated/emulated-device.ts';
import { FAULT_CATALOGUE } from '../../devices/emulated/fault-catalogue.ts';
import { runScenarios, verdictsOf } from '../device-management/testing/run-area.ts';
import { scenarios } from './index.ts';

/** Every requirement some scenario of this area verifies. */
const AREA_REQUIREMENTS = [...new Set(scenarios.flatMap((s) => s.verifies))].sort();

/** The emulated client judged with another profile's slack (a real board's), to show the windows still discriminate. */
function withTolerances(inner: EmulatedDevice, tolerances: TimingTolerances): DeviceUnderTest {
  return {
    name: inner.name,
    kind: inner.kind,
    endpoint: inner.endpoint,
    capabilities: inner.capabilities,
    tolerances,
    start: (env) => inner.start(env),
    stop: () => inner.stop(),
    powerCycle: () => inner.powerCycle(),
    stimulus: (s) => inner.stimulus(s),
    takeConsoleLines: () => inner.takeConsoleLines(),
    takeLabEvents: () => inner.takeLabEvents(),
  };
}

function runArea(faults: string[], selected: readonly Scenario[] = scenarios, tolerances?: TimingTolerances): Promise<RunResults> {
  const device = tolerances ? withTolerances(new EmulatedDevice({ faults }), tolerances) : new EmulatedDevice({ faults });
  return runScenarios(selected, faults, 20170830, { label: 'reporting', device });
}

test('the conformant emulated client passes every reporting scenario', async () => {
  const results = await runArea([]);
  const expected = Object.fromEntries(scenarios.map((s) => [s.id, 'pass']));
  const observed = Object.fromEntries(results.scenarios.map((s) => [s.id, s.verdict]));
  assert.deepEqual(observed, expected, JSON.stringify(verdictsOf(results), null, 2));
  for (const s of results.scenarios) {
    assert.ok(s.evidence.some((e) => e.kind === 'expectation'), `${s.id} records its checks`);
    assert.ok(s.evidence.some((e) => e.kind === 'exchange'), `${s.id} records the exchange that shows the behaviour`);
  }
});

test("with a real board's timing slack the same verdicts come out", async () => {
  const requirementVerdicts = async (faults: string[]): Promise<Record<string, string>> => {
    const results = await runArea(faults, scenarios, DEFAULT_TOLERANCES);
    return Object.fromEntries(AREA_REQUIREMENTS.map((id) => [id, results.requirements.find((r) => r.id === id)?.verdict ?? 'missing']));
  };
  const all = (verdict: string) => Object.fromEntries(AREA_REQUIREMENTS.map((id) => [id, verdict]));
  assert.deepEqual(await requirementVerdicts([]), all('pass'));
  assert.deepEqual(await requirementVerdicts(['notify-before-pmin']), { ...all('pass'), 'LightweightM2M-HLF-020': 'fail', 'LightweightM2M-HLF-022': 'fail' });
  assert.deepEqual(await requirementVerdicts(['ignore-st']), { ...all('pass'), 'LightweightM2M-HLF-024': 'fail' });
});

test('each cancel scenario fails the device that ignores its kind of cancel, and only that one', async () => {
  const cancels = scenarios.filter((s) => s.id === 'LightweightM2M-1.0-int-302' || s.id === 'LightweightM2M-1.0-int-303');
  assert.equal(cancels.length, 2);
  const cases: Array<[string, Record<string, string>]> = [
    ['ignore-observe-cancel', { 'LightweightM2M-1.0-int-302': 'pass', 'LightweightM2M-1.0-int-303': 'fail' }],
    ['ignore-rst-on-notification', { 'LightweightM2M-1.0-int-302': 'fail', 'LightweightM2M-1.0-int-303': 'pass' }],
  ];
  for (const [fault, expected] of cases) {
    const results = await runArea([fault], cancels);
    const detail = JSON.stringify(verdictsOf(results), null, 2);
    assert.deepEqual(Object.fromEntries(results.scenarios.map((s) => [s.id, s.verdict])), expected, `${fault}\n${detail}`);
    for (const s of results.scenarios.filter((r) => r.verdict === 'fail')) {
      assert.match(s.reason ?? '', /no notification after the observation was cancelled/, `${fault}: ${s.id}`);
    }
  }
});

test('a device that ignores the server default periods gets warnings on HLF-022, never a fail (SHOULD)', async () => {
  const defaults = scenarios.filter((s) => s.id === 'hlf-022-server-default-periods');
  assert.equal(defaults.length, 1);
  const cases: Array<[string, string]> = [
    ['ignore-pmax', 'server-default-pmax-ignored'],
    ['notify-before-pmin', 'server-default-pmin-ignored'],
  ];
  for (const [fault, code] of cases) {
    const [result] = (await runArea([fault], defaults)).scenarios;
    assert.equal(result?.verdict, 'pass', `${fault}: ${result?.reason}`);
    assert.deepEqual(result?.warnings?.map((w) => w.code), [code], fault);
  }
  const [clean] = (await runArea([], defaults)).scenarios;
  assert.equal(clean?.warnings, undefined, 'the conformant client applies both defaults');
});

for (const fault of FAULT_CATALOGUE) {
  const broken = fault.breaks.filter((id) => AREA_REQUIREMENTS.includes(id));
  test(`fault ${fault.name}: fails exactly ${broken.length > 0 ? broken.join(', ') : 'none of this area'}`, async () => {
    const results = await runArea([fault.name]);
    const detail = JSON.stringify(verdictsOf(results), null, 2);
    const verdict = (id: string): string | undefined => results.requirements.find((r) => r.id === id)?.verdict;
    for (const id of broken) assert.equal(verdict(id), 'fail', `${id} must fail under ${fault.name}\n${detail}`);
    for (const id of AREA_REQUIREMENTS.filter((r) => !broken.includes(r))) {
      assert.notEqual(verdict(id), 'fail', `${id} must not fail under ${fault.name}\n${detail}`);
    }
    assert.ok(!results.scenarios.some((s) => s.verdict === 'error'), `no harness error under ${fault.name}\n${detail}`);
  });
}
