import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRealWorld } from '../../harness/engine/real-world.ts';
import { runConformance } from '../../harness/engine/runner.ts';
import type { Scenario } from '../../harness/engine/scenario.ts';
import { UdpTransport } from '../../harness/net/udp-transport.ts';
import type { RunResults } from '../../reports/results-schema.ts';
import { allScenarios } from '../../suites/index.ts';
import { loadProfile } from '../profile/load.ts';
import { resolvePsk } from '../profile/secrets.ts';
import { SerialDevice } from '../serial/serial-device.ts';
import { boardSimProfile } from './board-sim-profile.ts';
import { BoardSimulator } from './board-simulator.ts';
import { openPtyPair, type PtyPair } from './pty-pair.ts';
import { BoardPool } from './board-pool.ts';
import { LabError } from '../lab/lab-error.ts';
import { powerCutScenario } from './power-cut-scenario.ts';

/*
 * The serial path end to end over PTYs on the real clock: SerialConsole and the LCUS driver of the harness
 * against the board simulator's shell and relay. A few fast scenarios plus one written here that cuts the
 * power in its middle; each boot takes the simulator's 200 ms.
 */

const FROM_SUITES = ['LightweightM2M-1.0-int-101', 'hlf-002-numeric-addressing', 'LightweightM2M-1.0-int-104', 'LightweightM2M-1.0-int-657'];

interface Lab {
  dir: string;
  consolePair: PtyPair;
  relayPair: PtyPair;
  board: BoardSimulator;
  serverPort: number;
  close(): Promise<void>;
}

/** A test key provisioned in the DTLS board (not a secret of anything). */
const BOARD_PSK = { identity: 'board-sim-dtls', key: Buffer.from('62736d2d64746c732d746573742d6b31', 'hex') };

/** The URI the board's firmware has built in: the plain server, or (DTLS board) the coaps one a port above. */
function builtInUri(serverPort: number, dtls: boolean): string {
  return dtls ? `coaps://127.0.0.1:${serverPort + 1}` : `coap://127.0.0.1:${serverPort}`;
}

async function openLab(t: TestContext, options: { hangBoots?: number; silentBoots?: number; endpoint: string; dtls?: boolean }): Promise<Lab | undefined> {
  let consolePair: PtyPair;
  let relayPair: PtyPair;
  try {
    consolePair = await openPtyPair();
  } catch (error) {
    t.skip(`no PTY pair (socat): ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  relayPair = await openPtyPair().catch(async (error: unknown) => {
    await consolePair.close();
    throw error;
  });
  const probe = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const serverPort = probe.local.port;
  await probe.close();
  const board = new BoardSimulator({
    consolePort: consolePair.board,
    relayPort: relayPair.board,
    serverUri: builtInUri(serverPort, options.dtls === true),
    endpoint: options.endpoint,
    ...(options.dtls ? { psk: BOARD_PSK } : {}),
    ...(options.hangBoots !== undefined ? { hangBoots: options.hangBoots } : {}),
    ...(options.silentBoots !== undefined ? { silentBoots: options.silentBoots } : {}),
  });
  await board.open();
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-board-sim-'));
  return {
    dir,
    consolePair,
    relayPair,
    board,
    serverPort,
    close: async () => {
      await board.close();
      await consolePair.close();
      await relayPair.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

interface BoardRunOptions {
  bootTimeoutMs?: number;
  /** tolerances.bootMs: power-on until Register. */
  bootMs?: number;
  /** Check the board's health by registration before the scenarios (SerialDevice.healthCheck). */
  healthCheck?: boolean;
  /** The board speaks DTLS only (built-in coaps:// URI and a PSK in its profile). */
  dtls?: boolean;
}

async function runOnBoard(lab: Lab, scenarios: Scenario[], endpoint: string, options: BoardRunOptions = {}): Promise<RunResults> {
  const file = join(lab.dir, 'board-sim.yaml');
  const profile = boardSimProfile({
    consolePort: lab.consolePair.harness,
    relayPort: lab.relayPair.harness,
    serverUri: builtInUri(lab.serverPort, options.dtls === true),
    endpoint,
    ...(options.dtls ? { psk: { identity: BOARD_PSK.identity, keyHex: BOARD_PSK.key.toString('hex') } } : {}),
    bootTimeoutMs: options.bootTimeoutMs ?? 5000,
    ...(options.bootMs !== undefined ? { bootMs: options.bootMs } : {}),
  });
  await writeFile(file, profile);
  const loaded = await loadProfile(file);
  const psk = await resolvePsk(loaded.profile.security);
  const device = new SerialDevice({ loaded, powerOffMs: 100, ...(psk ? { psk } : {}) });
  return runConformance({
    ...(options.healthCheck ? { healthCheck: device.healthCheck() } : {}),
    scenarios,
    device,
    clock: 'real',
    seed: 1,
    selection: {},
    outDir: join(lab.dir, 'out'),
    version: 'test',
    createWorld: (seed) => createRealWorld({ seed, bind: { host: '127.0.0.1', port: lab.serverPort }, ...(options.dtls ? { psk: BOARD_PSK } : {}) }),
  });
}

function summary(results: RunResults): string {
  return results.scenarios.map((s) => `${s.id}: ${s.verdict} - ${s.reason}`).join('\n');
}

test('scenarios run against the board simulator over PTYs, including a power cut in the middle of one', async (t) => {
  const lab = await openLab(t, { endpoint: 'board-sim-1' });
  if (!lab) return;
  try {
    const scenarios = [...allScenarios().filter((s) => FROM_SUITES.includes(s.id)), powerCutScenario];
    assert.equal(scenarios.length, FROM_SUITES.length + 1);
    const results = await runOnBoard(lab, scenarios, 'board-sim-1');
    for (const s of results.scenarios) assert.equal(s.verdict, 'pass', summary(results));
    const cut = results.scenarios.find((s) => s.id === 'board-sim-power-cut');
    const power = cut?.evidence.find((e) => e.kind === 'power');
    assert.ok(power && 'events' in power, 'the power events are evidence');
    const events = (power as { events: Array<{ event: string; detail?: string }> }).events.map((e) => e.event);
    assert.deepEqual(events.filter((e) => e.startsWith('power')), ['power on', 'power off', 'power on', 'power off']);
    const consoleEvidence = cut?.evidence.find((e) => e.kind === 'console') as { lines?: string[] } | undefined;
    assert.ok(consoleEvidence?.lines?.some((l) => l.includes('Booting Zephyr OS')), 'the boot log is console evidence');
    assert.equal(lab.board.isPowered, false, 'the board is off after the run');
  } finally {
    await lab.close();
  }
});

test('a board that hangs at boot is power-cycled and recovers', async (t) => {
  const lab = await openLab(t, { endpoint: 'board-sim-2', hangBoots: 1 });
  if (!lab) return;
  try {
    const scenarios = allScenarios().filter((s) => s.id === 'LightweightM2M-1.0-int-101');
    const results = await runOnBoard(lab, scenarios, 'board-sim-2', { bootTimeoutMs: 1500 });
    const [only] = results.scenarios;
    assert.equal(only?.verdict, 'pass', summary(results));
    const power = only?.evidence.find((e) => e.kind === 'power') as { events: Array<{ event: string }> } | undefined;
    assert.ok(power?.events.some((e) => e.event === 'board hung'));
    assert.ok(power?.events.some((e) => e.event === 'board recovered'));
  } finally {
    await lab.close();
  }
});

test('health by registration: a board that boots but does not register is power-cycled before the suites and recovers', async (t) => {
  // The first power-on hangs before the ready line, the second prints it but never registers, the third works.
  const lab = await openLab(t, { endpoint: 'board-sim-4', hangBoots: 1, silentBoots: 1 });
  if (!lab) return;
  try {
    const scenarios = allScenarios().filter((s) => s.id === 'LightweightM2M-1.0-int-101');
    // bootMs is generous: the check is about the power cycles, not about how fast a loaded CI machine boots.
    const results = await runOnBoard(lab, scenarios, 'board-sim-4', { bootTimeoutMs: 1500, bootMs: 5000, healthCheck: true });
    const [only] = results.scenarios;
    assert.equal(only?.verdict, 'pass', summary(results));
    const events = only?.evidence.flatMap((e) => (e.kind === 'power' ? e.events.map((p) => p.event) : [])) ?? [];
    assert.ok(events.includes('board hung'), `the hung boot is in the evidence: ${events.join(', ')}`);
    assert.ok(events.includes('health check failed'), `the boot without a Register is in the evidence: ${events.join(', ')}`);
    assert.ok(events.includes('board recovered'), `the recovery is in the evidence: ${events.join(', ')}`);
    const notes = only?.evidence.flatMap((e) => (e.kind === 'note' ? [e.text] : [])) ?? [];
    assert.ok(notes.some((n) => /registered only after 1 power cycle/.test(n)), notes.join('\n'));
  } finally {
    await lab.close();
  }
});

test('a board that never boots gives error verdicts with the console as evidence', async (t) => {
  const lab = await openLab(t, { endpoint: 'board-sim-3', hangBoots: 1000 });
  if (!lab) return;
  try {
    const scenarios = allScenarios().filter((s) => s.id === 'LightweightM2M-1.0-int-101' || s.id === 'hlf-002-numeric-addressing');
    const results = await runOnBoard(lab, scenarios, 'board-sim-3', { bootTimeoutMs: 500 });
    assert.equal(results.scenarios.length, 2);
    for (const s of results.scenarios) {
      assert.equal(s.verdict, 'error', summary(results));
      assert.match(s.reason, /the board did not boot/);
    }
  } finally {
    await lab.close();
  }
});

test('health by registration over a pool: a board that never registers leaves its scenarios error, the next board passes its own', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-board-pool-'));
  let pool: BoardPool;
  try {
    // Board 0 boots to its shell every time but its client never registers; board 1 is healthy.
    pool = await BoardPool.open({ boards: 2, dir, profile: { bootTimeoutMs: 1000, bootMs: 4000, bootAttempts: 2 }, board: (i) => (i === 0 ? { silentBoots: 1000 } : {}) });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    if (error instanceof LabError) return t.skip(`no PTY pairs for the board simulators: ${error.message}`);
    throw error;
  }
  try {
    const scenarios = allScenarios().filter((s) => FROM_SUITES.includes(s.id));
    const run = await pool.run({ scenarios, seed: 1, outDir: join(dir, 'out'), version: 'test' });
    assert.equal(run.merged.scenarios.length, FROM_SUITES.length, summary(run.merged));
    const dead = run.boards.find((b) => b.board === 0);
    const alive = run.boards.find((b) => b.board === 1);
    assert.ok(dead && dead.scenarios.length > 0 && alive && alive.scenarios.length > 0, 'both boards had a share');
    for (const s of run.merged.scenarios) {
      if (dead.scenarios.includes(s.id)) {
        assert.equal(s.verdict, 'error', summary(run.merged));
        assert.match(s.reason, /lab fault.*did not register within 4000 ms of power-on in 2 power-on/);
        const consoleLines = s.evidence.flatMap((e) => (e.kind === 'console' ? e.lines : []));
        assert.ok(consoleLines.some((l) => l.includes('network attach timed out')), 'the console tail is evidence');
        const events = s.evidence.flatMap((e) => (e.kind === 'power' ? e.events.map((p) => p.event) : []));
        assert.deepEqual(events.filter((e) => e.startsWith('power')), ['power on', 'power off', 'power on', 'power off'], 'both power-ons are evidence');
        assert.equal(events.filter((e) => e === 'health check failed').length, 2);
      } else {
        assert.equal(s.verdict, 'pass', summary(run.merged));
      }
    }
    assert.equal(run.merged.summary.error, dead.scenarios.length);
  } finally {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a DTLS-only board (built-in coaps:// URI, PSK in its profile) runs every scenario on the secure server', async (t) => {
  const lab = await openLab(t, { endpoint: 'board-sim-dtls', dtls: true });
  if (!lab) return;
  try {
    const ids = [...FROM_SUITES, 'LightweightM2M-1.0-int-401'];
    const scenarios = allScenarios().filter((s) => ids.includes(s.id));
    assert.equal(scenarios.length, ids.length);
    const results = await runOnBoard(lab, scenarios, 'board-sim-dtls', { dtls: true });
    for (const s of results.scenarios) {
      assert.equal(s.verdict, 'pass', summary(results));
      // The records as they crossed the network: a DTLS trace exists for every scenario, the plain ones too.
      assert.ok(s.trace && (await readFile(join(lab.dir, 'out', s.trace.replace(/\.pcapng$/, '.dtls.pcapng')))).length > 0, `${s.id} ran over DTLS`);
    }
  } finally {
    await lab.close();
  }
});

test('DTLS boards through the shaping proxy: the proxy fronts the coaps server, so link scenarios run over DTLS', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-dtls-pool-'));
  let pool: BoardPool;
  try {
    pool = await BoardPool.open({ boards: 1, dir, endpoint: 'board-sim-dtls-link', link: true, psk: BOARD_PSK });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    if (error instanceof LabError) return t.skip(`no PTY pairs for the board simulator: ${error.message}`);
    throw error;
  }
  try {
    const ids = ['LightweightM2M-1.0-int-401', 'hlf-036-retransmission', 'LightweightM2M-1.0-int-101'];
    const scenarios = allScenarios().filter((s) => ids.includes(s.id));
    assert.equal(scenarios.length, ids.length);
    const run = await pool.run({ scenarios, seed: 1, outDir: join(dir, 'out'), version: 'test' });
    for (const s of run.merged.scenarios) {
      assert.equal(s.verdict, 'pass', summary(run.merged));
      assert.ok(s.trace && (await readFile(join(dir, 'out', 'board-0', s.trace.replace(/\.pcapng$/, '.dtls.pcapng')))).length > 0, `${s.id} ran over DTLS`);
    }
    const retransmission = run.merged.scenarios.find((s) => s.id === 'hlf-036-retransmission');
    const shaping = retransmission?.evidence.find((e) => e.kind === 'shaping') as { events?: unknown[] } | undefined;
    assert.ok((shaping?.events?.length ?? 0) > 0, 'the proxy in front of the coaps server shaped the link (its events are evidence)');
  } finally {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  }
});
