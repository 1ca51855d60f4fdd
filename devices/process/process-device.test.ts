import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, verdictsOf } from './testing/cli-run.ts';
import { emulatedProcessProfile, PROCESS_ABSENT_FEATURES } from './testing/emulated-process-profile.ts';
import { allScenarios } from '../../suites/index.ts';

/*
 * A bounded selection of fast scenarios (registration, identity, addressing, update trigger, reboot, error
 * code): each takes a second or two on the real clock, most of it the child's start-up. The in-process run
 * uses the virtual clock. LightweightM2M-1.0-int-0 (client-initiated bootstrap) is left out: it needs the
 * device to start from a bootstrap-only configuration, which `lwm2m-hil client` cannot be told on its command
 * line, so the process profile declares bootstrap absent.
 */
const REQUIREMENTS = 'HLF-001,HLF-002,HLF-007,HLF-008,HLF-013,HLF-014';
const RUN_LIMIT_MS = 240_000;

test('the emulated client run as a process DUT gives the same verdicts as the in-process emulated device', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-process-'));
  try {
    const profile = join(dir, 'emulated-process.yaml');
    await writeFile(profile, emulatedProcessProfile('process-dut-1'));
    const [asProcess, inProcess] = await Promise.all([
      runCli(['run', '--device', profile, '--clock', 'real', '--bind', '127.0.0.1:0', '--requirement', REQUIREMENTS, '--out', join(dir, 'process')], RUN_LIMIT_MS),
      runCli(['run', '--requirement', REQUIREMENTS, '--out', join(dir, 'emulated')], RUN_LIMIT_MS),
    ]);
    assert.equal(inProcess.code, 0, inProcess.stderr + inProcess.stdout);
    assert.equal(asProcess.code, 0, asProcess.stderr + asProcess.stdout);
    const expected = await verdictsOf(join(dir, 'emulated'));
    const observed = await verdictsOf(join(dir, 'process'));
    assert.ok(expected.size >= 6, `a real selection ran (${expected.size} scenarios)`);
    assert.deepEqual([...observed.keys()].sort(), [...expected.keys()].sort());
    // What the process profile declares absent (the SMS bearer, above all) is not-supported there, whatever the
    // in-process client (which has a simulated SMS bearer) did.
    const needsAbsent = new Set(allScenarios().filter((s) => s.requires?.features?.some((f) => (PROCESS_ABSENT_FEATURES as readonly string[]).includes(f))).map((s) => s.id));
    for (const [id, want] of expected) {
      const verdict = needsAbsent.has(id) ? 'not-supported' : want.verdict;
      assert.equal(observed.get(id)?.verdict, verdict, `${id}: ${observed.get(id)?.reason}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a process profile whose program does not exist gives error verdicts with a clear message, not a crash', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-process-'));
  try {
    const profile = join(dir, 'missing.yaml');
    await writeFile(profile, ['name: missing-binary', 'kind: process', 'endpoint: nobody', 'process:', '  argv: [./no-such-client, "{server.uri}"]', ''].join('\n'));
    const run = await runCli(['run', '--device', profile, '--bind', '127.0.0.1:0', '--requirement', 'HLF-002', '--out', join(dir, 'out')], RUN_LIMIT_MS);
    assert.equal(run.code, 1, 'the gate fails on error verdicts; the run itself completes');
    const verdicts = [...(await verdictsOf(join(dir, 'out'))).values()];
    assert.ok(verdicts.length > 0);
    for (const v of verdicts) {
      assert.equal(v.verdict, 'error');
      assert.match(v.reason, /cannot start the device process .*no-such-client.*no such program/);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a malformed profile stops the run with exit 2 and names file, line and field', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-process-'));
  try {
    const profile = join(dir, 'bad.yaml');
    await writeFile(profile, ['name: bad', 'kind: process', 'endpoint: ep', 'process:', '  argv: [client, "{server.url}"]', 'power:', '  type: lcus', '  port: /dev/null', '  channel: two', ''].join('\n'));
    const run = await runCli(['run', '--device', profile, '--out', join(dir, 'out')], RUN_LIMIT_MS);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /bad\.yaml:5: process\.argv\[1\]: unknown placeholder \{server\.url\}/);
    assert.match(run.stderr, /bad\.yaml:9: power\.channel: expected a number 1\.\.8/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a rack run (--device repeated) goes on after a board that cannot start: one folder per device, exit 1', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-rack-'));
  try {
    const missing = join(dir, 'missing.yaml');
    await writeFile(missing, ['name: missing-binary', 'kind: process', 'endpoint: nobody', 'process:', '  argv: [./no-such-client, "{server.uri}"]', ''].join('\n'));
    const good = join(dir, 'good.yaml');
    await writeFile(good, emulatedProcessProfile('rack-dut-2'));
    const run = await runCli(['run', '--device', missing, '--device', good, '--bind', '127.0.0.1:0', '--requirement', 'HLF-002', '--out', join(dir, 'out')], RUN_LIMIT_MS);
    assert.equal(run.code, 1, `the first board's errors fail the gate; the run completes\n${run.stdout}\n${run.stderr}`);
    const first = [...(await verdictsOf(join(dir, 'out', '1-missing-binary'))).values()];
    const second = [...(await verdictsOf(join(dir, 'out', '2-emulated-as-process'))).values()];
    assert.ok(first.length > 0 && first.every((v) => v.verdict === 'error'), JSON.stringify(first));
    assert.ok(second.length > 0 && second.every((v) => v.verdict === 'pass'), JSON.stringify(second));
    assert.match(run.stdout, /\[1\/2 missing-binary\] gate: FAILED/);
    assert.match(run.stdout, /\[2\/2 emulated-as-process\] gate: passed/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
