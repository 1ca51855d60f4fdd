import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { failedChecks, runScenarios, verdictsOf } from '../device-management/testing/run-area.ts';
import { corruptedCopy, emulatedPackage, installablePackage, type FirmwarePackage } from './helpers/packages.ts';
import { scenarios } from './index.ts';

/** Warnings the conformant emulated client earns: none (it answers Exec /5/0/2 without a package with 4.05, as int-772 expects). */
const EXPECTED_WARNINGS: Record<string, string[]> = {};

// The fault matrix for these scenarios runs in suites/device-management/device-management.test.ts, together
// with the device-management scenarios (HLF-003 spans both areas).

test('the conformant emulated client passes every firmware scenario and each records its evidence', async () => {
  const results = await runScenarios(scenarios);
  const detail = `${JSON.stringify(verdictsOf(results), null, 2)}\n${failedChecks(results).join('\n')}`;
  assert.deepEqual(
    Object.fromEntries(results.scenarios.map((s) => [s.id, s.verdict])),
    Object.fromEntries(scenarios.map((s) => [s.id, 'pass'])),
    detail,
  );
  for (const s of results.scenarios) {
    assert.ok(s.evidence.some((e) => e.kind === 'expectation'), `${s.id} records its checks`);
    assert.ok(s.evidence.some((e) => e.kind === 'exchange'), `${s.id} records the exchange that shows the behaviour`);
    assert.deepEqual((s.warnings ?? []).map((w) => w.code), EXPECTED_WARNINGS[s.id] ?? [], `${s.id}: warnings`);
  }
});

test('push delivery goes block-wise and the pull method fetches from the harness package server', async () => {
  const results = await runScenarios(scenarios.filter((s) => s.id.endsWith('-770') || s.id.endsWith('-756')));
  const push = results.scenarios.find((s) => s.id.endsWith('-770'));
  const pull = results.scenarios.find((s) => s.id.endsWith('-756'));
  const messages = (id: string | undefined): string[] =>
    results.scenarios
      .find((s) => s.id === id)
      ?.evidence.flatMap((e) => (e.kind === 'exchange' ? ((e as { messages?: Array<{ summary: string }> }).messages ?? []).map((m) => m.summary) : [])) ?? [];
  const pushWrites = messages(push?.id).filter((m) => m.includes('/5/0/0') && m.includes('CON'));
  assert.ok(pushWrites.length >= 3, `a 3000-byte package needs several Block1 requests: ${pushWrites.join('\n')}`);
  assert.ok(messages(pull?.id).some((m) => m.includes('firmware-repo') || m.includes('/fw/package.bin')), 'the download is in the trace');
});

test('packages: the device supplies its own; the emulated format is made here; otherwise inconclusive', async () => {
  const supplied: FirmwarePackage = { name: 'board', version: '3.0.0', content: Buffer.from('image') };
  const ctxFor = (device: object): ScenarioContext =>
    ({ device, inconclusive: (reason: string) => { throw Object.assign(new Error(reason), { stop: true }); } }) as unknown as ScenarioContext;
  assert.equal(await installablePackage(ctxFor({ kind: 'serial', firmwarePackages: () => [supplied] })), supplied);
  assert.equal((await installablePackage(ctxFor({ kind: 'emulated' }))).content.subarray(0, 7).toString(), 'EMUFW1 ');
  await assert.rejects(installablePackage(ctxFor({ kind: 'serial' })), /supplies no firmware package/);
});

test('a corrupted copy keeps the length and differs in every byte', () => {
  const pkg = emulatedPackage('1.2.3');
  const bad = corruptedCopy(pkg);
  assert.equal(bad.length, pkg.content.length);
  assert.ok(bad.every((b, i) => b !== pkg.content[i]));
  assert.ok(pkg.content.length > 1024, 'larger than one CoAP block');
});
