import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResultsAtomically } from '../../reports/write-results.ts';
import { emulatedPackage, EMULATED_PACKAGE_VERSION } from '../../suites/firmware/helpers/packages.ts';
import { allScenarios } from '../../suites/index.ts';
import { LabError } from '../lab/lab-error.ts';
import { BoardPool } from './board-pool.ts';
import { runEmulatedBaseline } from './emulated-baseline.ts';
import { annotateResults, compareWithBaseline, loadExpectedDifferences, renderParityMarkdown } from './parity.ts';
import { POWER_CUT_SCENARIO_ID, powerCutScenario } from './power-cut-scenario.ts';
import { estimateMs } from './scenario-durations.ts';

/*
 * The whole conformance suite against simulated boards over PTYs on the real clock (issue 6): a pool of boards
 * in parallel, the longest scenarios first, a power cut in the middle of a scenario, each board's health
 * checked by registration before its share; then every verdict is compared with the emulated client's on
 * the virtual clock with the same declared capabilities (fixtures/board-sim/expected-differences.json lists
 * the differences there may be, with the reason). About 2.5-3 minutes of wall time, mostly waiting.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EXPECTED_DIFFERENCES = join(ROOT, 'fixtures/board-sim/expected-differences.json');
const BOARDS = 6;
/**
 * The board firmware's registration lifetime: short enough that hlf-030 (which waits one lifetime) is not the
 * longest scenario, longer than queue mode's 93 s awake window so that hlf-031 sees the device sleep.
 */
const LIFETIME_S = 120;
const ENDPOINT = 'board-sim-1';
const SEED = 1;

/** The PSK of the DTLS boards (a test key, not a secret of anything). */
const DTLS_BOARD_PSK = { identity: 'board-sim-dtls', key: Buffer.from('62736d2d66756c6c2d73756974652d31', 'hex') };

for (const mode of ['coap', 'dtls'] as const) {
  test(`the full suite runs on ${mode === 'dtls' ? 'DTLS-only ' : ''}board simulators over PTYs on the real clock, with the verdicts of the emulated baseline`, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-full-suite-'));
    const pkg = emulatedPackage(EMULATED_PACKAGE_VERSION);
    const packageFile = join(dir, `${pkg.name}.bin`);
    await writeFile(packageFile, pkg.content);
    let pool: BoardPool;
    try {
      pool = await BoardPool.open({
        boards: BOARDS,
        dir,
        endpoint: ENDPOINT,
        lifetime: LIFETIME_S,
        ...(mode === 'dtls' ? { psk: DTLS_BOARD_PSK } : {}),
        link: true,
        profile: { firmwarePackages: [{ name: pkg.name, file: packageFile, version: pkg.version }] },
      });
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      if (error instanceof LabError) return t.skip(`no PTY pairs for the board simulators: ${error.message}`);
      throw error;
    }
    let keep = true;
    try {
      const scenarios = [...allScenarios(), powerCutScenario];
      const capabilities = pool.boards[0]?.device.capabilities;
      assert.ok(capabilities, 'the pool has boards');
      // The baseline first: the virtual clock fakes the global timers while it runs, the boards need real ones.
      const baseline = await runEmulatedBaseline({ scenarios, capabilities, lifetime: LIFETIME_S, endpoint: ENDPOINT, seed: SEED, outDir: join(dir, 'baseline'), version: 'test', ...(mode === 'dtls' ? { psk: DTLS_BOARD_PSK } : {}) });
      const outDir = join(dir, 'boards');
      const run = await pool.run({ scenarios, seed: SEED, outDir, version: 'test', estimateMs: (s) => estimateMs(s, LIFETIME_S) });
      t.diagnostic(`wall time: ${Math.round(run.wallMs / 1000)} s on ${run.boards.length} boards (${run.boards.map((b) => `board ${b.board}: ${Math.round(b.wallMs / 1000)} s, ${b.scenarios.length} scenarios`).join('; ')})`);

      const report = compareWithBaseline(run.merged, baseline, await loadExpectedDifferences(EXPECTED_DIFFERENCES));
      const markdown = renderParityMarkdown(report, { board: `${run.merged.run.id} (real clock, ${run.boards.length} boards)`, baseline: `${baseline.run.id} (emulated, virtual clock)` });
      await writeResultsAtomically(outDir, annotateResults(run.merged, report));
      await writeFile(join(outDir, 'parity.md'), markdown);
      for (const n of report.notObserved) t.diagnostic(`listed difference did not occur: ${n.id} (${n.reason})`);

      assert.equal(run.merged.scenarios.length, scenarios.length, 'every scenario ran on some board');
      assert.equal(run.merged.run.clock, 'real');
      assert.deepEqual(report.unexpected, [], `verdicts differ from the emulated baseline (output kept in ${outDir}):\n${markdown}`);
      const errors = run.merged.scenarios.filter((s) => s.verdict === 'error');
      assert.deepEqual(errors.map((s) => `${s.id}: ${s.reason}`), [], 'no lab faults');

      const cut = run.merged.scenarios.find((s) => s.id === POWER_CUT_SCENARIO_ID);
      assert.equal(cut?.verdict, 'pass', cut?.reason);
      const power = cut?.evidence.find((e) => e.kind === 'power') as { events: Array<{ event: string }> } | undefined;
      assert.deepEqual(power?.events.map((e) => e.event).filter((e) => e.startsWith('power')), ['power on', 'power off', 'power on', 'power off'], 'the power cut is in the evidence');
      keep = false;
    } finally {
      await pool.close();
      if (keep) t.diagnostic(`output kept for inspection: ${dir}`);
      else await rm(dir, { recursive: true, force: true });
    }
  });
}
