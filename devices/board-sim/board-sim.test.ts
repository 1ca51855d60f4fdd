import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRealWorld } from '../../harness/engine/real-world.ts';
import { runConformance } from '../../harness/engine/runner.ts';
import { defineScenario, type Scenario } from '../../harness/engine/scenario.ts';
import { UdpTransport } from '../../harness/net/udp-transport.ts';
import type { RunResults } from '../../reports/results-schema.ts';
import { allScenarios } from '../../suites/index.ts';
import { loadProfile } from '../profile/load.ts';
import { SerialDevice } from '../serial/serial-device.ts';
import { boardSimProfile } from './board-sim-profile.ts';
import { BoardSimulator } from './board-simulator.ts';
import { openPtyPair, type PtyPair } from './pty-pair.ts';

/*
 * The serial path end to end over PTYs on the real clock: SerialConsole and the LCUS driver of the harness
 * against the board simulator's shell and relay. A few fast scenarios plus one written here that cuts the
 * power in its middle; each boot takes the simulator's 200 ms.
 */

/** A scenario that reads the device, cuts its power mid-way, and checks it comes back registered and readable. */
const powerCutScenario = defineScenario({
  id: 'board-sim-power-cut',
  title: 'the board comes back after a power cut in the middle of a scenario',
  suite: 'board-sim',
  verifies: ['LightweightM2M-HLF-001'],
  ets: [],
  precondition: 'registered',
  timeoutMs: 60_000,
  async run(ctx) {
    const before = await ctx.server.read(ctx.endpoint, '/3/0/2');
    ctx.check('the serial number is readable before the cut', before.code === '2.05', '2.05', before.code);
    const since = ctx.clock.now();
    await ctx.device.powerCycle();
    const back = await ctx.server.waitFor('registered', (e) => e.registration.endpoint === ctx.endpoint, ctx.tolerances.bootMs, { since });
    ctx.check('the board registers again after the power cut', back.registration.endpoint === ctx.endpoint, ctx.endpoint, back.registration.endpoint);
    const after = await ctx.server.read(ctx.endpoint, '/3/0/2');
    ctx.expectEqual('the serial number is the same after the cut', String(before.entries?.[0]?.value ?? ''), String(after.entries?.[0]?.value ?? ''));
  },
});

const FROM_SUITES = ['LightweightM2M-1.0-int-101', 'hlf-002-numeric-addressing', 'LightweightM2M-1.0-int-104', 'LightweightM2M-1.0-int-657'];

interface Lab {
  dir: string;
  consolePair: PtyPair;
  relayPair: PtyPair;
  board: BoardSimulator;
  serverPort: number;
  close(): Promise<void>;
}

async function openLab(t: TestContext, options: { hangBoots?: number; endpoint: string }): Promise<Lab | undefined> {
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
    serverUri: `coap://127.0.0.1:${serverPort}`,
    endpoint: options.endpoint,
    ...(options.hangBoots !== undefined ? { hangBoots: options.hangBoots } : {}),
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

async function runOnBoard(lab: Lab, scenarios: Scenario[], endpoint: string, bootTimeoutMs = 5000): Promise<RunResults> {
  const file = join(lab.dir, 'board-sim.yaml');
  await writeFile(file, boardSimProfile({ consolePort: lab.consolePair.harness, relayPort: lab.relayPair.harness, serverUri: `coap://127.0.0.1:${lab.serverPort}`, endpoint, bootTimeoutMs }));
  const device = new SerialDevice({ loaded: await loadProfile(file), powerOffMs: 100 });
  return runConformance({
    scenarios,
    device,
    clock: 'real',
    seed: 1,
    selection: {},
    outDir: join(lab.dir, 'out'),
    version: 'test',
    createWorld: (seed) => createRealWorld({ seed, bind: { host: '127.0.0.1', port: lab.serverPort } }),
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
    const results = await runOnBoard(lab, scenarios, 'board-sim-2', 1500);
    const [only] = results.scenarios;
    assert.equal(only?.verdict, 'pass', summary(results));
    const power = only?.evidence.find((e) => e.kind === 'power') as { events: Array<{ event: string }> } | undefined;
    assert.ok(power?.events.some((e) => e.event === 'board hung'));
    assert.ok(power?.events.some((e) => e.event === 'board recovered'));
  } finally {
    await lab.close();
  }
});

test('a board that never boots gives error verdicts with the console as evidence', async (t) => {
  const lab = await openLab(t, { endpoint: 'board-sim-3', hangBoots: 1000 });
  if (!lab) return;
  try {
    const scenarios = allScenarios().filter((s) => s.id === 'LightweightM2M-1.0-int-101' || s.id === 'hlf-002-numeric-addressing');
    const results = await runOnBoard(lab, scenarios, 'board-sim-3', 500);
    assert.equal(results.scenarios.length, 2);
    for (const s of results.scenarios) {
      assert.equal(s.verdict, 'error', summary(results));
      assert.match(s.reason, /the board did not boot/);
    }
  } finally {
    await lab.close();
  }
});
