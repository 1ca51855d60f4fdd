/**
 * The run loop (DESIGN §3.6-3.9, §4 `run`): selects scenarios, gives each a fresh world from its own seed,
 * executes it, writes its trace, and rewrites results.json after every scenario so that a killed run leaves
 * valid partial results. A scenario that throws is `error` and the run goes on.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { traceToPcapng } from '../coap/pcapng.ts';
import { Trace } from '../coap/trace.ts';
import { wallNow } from '../clock/real-clock.ts';
import { writeResultsAtomically } from '../../reports/write-results.ts';
import type { RunInfo, RunResults, ScenarioResult } from '../../reports/results-schema.ts';
import { featurePresent, type DeviceUnderTest } from './device.ts';
import { note, type Evidence } from './evidence.ts';
import { executeScenario } from './execute-scenario.ts';
import { withExchangeMessages } from './exchange-messages.ts';
import { buildResults } from './run-results.ts';
import type { Scenario } from './scenario.ts';
import { selectScenarios, type Selection } from './selection.ts';
import { errorOutcome, notSupported, type ScenarioOutcome } from './verdict.ts';
import type { World } from './world.ts';

export interface RunConfig {
  scenarios: readonly Scenario[];
  device: DeviceUnderTest;
  clock: 'virtual' | 'real';
  seed: number;
  selection: Selection;
  outDir: string;
  version: string;
  /** Fault profile of the emulated client, recorded in the results. */
  fault?: string;
  runId?: string;
  /** Makes the world a scenario runs in (virtual: a fresh simulated lab per scenario). */
  createWorld: (seed: number, scenario: Scenario) => Promise<World>;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Device health before the suites (DESIGN §3.9), run once in a world of its own before the first scenario,
   * e.g. "the board registers within its boot timeout, power-cycled up to N times" (devices/ supply it).
   * Unhealthy: no scenario runs; each selected one is `error` (a lab fault) with the check's reason and
   * evidence (not-supported ones stay not-supported). Healthy: its evidence (a recovery, say) is added to the
   * first scenario that ran. A check that throws counts as unhealthy.
   */
  healthCheck?: (world: World, device: DeviceUnderTest) => Promise<HealthReport>;
  /**
   * Every scenario over DTLS (`run --dtls`): the device is given the secure server (and secure bootstrap
   * server) in every scenario, as a DTLS-only device is (DeviceUnderTest.dtlsOnly).
   */
  overDtls?: boolean;
}

/** What a health check found; its evidence is the console tail and the power events that show it. */
export type HealthReport = { healthy: true; evidence: Evidence[] } | { healthy: false; reason: string; evidence: Evidence[] };

/** Wall/virtual-clock budget of a health check (its own attempts and timeouts should end well before). */
export const HEALTH_CHECK_BUDGET_MS = 10 * 60_000;

export type ProgressEvent =
  | { kind: 'start'; total: number }
  | { kind: 'scenario-start'; index: number; total: number; scenario: Scenario }
  | { kind: 'scenario-end'; index: number; total: number; scenario: Scenario; result: ScenarioResult };

export async function runConformance(config: RunConfig): Promise<RunResults> {
  const selected = selectScenarios(config.scenarios, config.selection);
  const run: RunInfo = {
    id: config.runId ?? `run-${new Date(wallNow()).toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${config.seed}`,
    startedAt: new Date(wallNow()).toISOString(),
    finishedAt: null,
    version: config.version,
    clock: config.clock,
    seed: config.seed,
    shard: config.selection.shard ?? null,
    device: { name: config.device.name, kind: config.device.kind, endpoint: config.device.endpoint, ...(config.fault ? { fault: config.fault } : {}) },
  };
  const scope = { only: config.selection.requirements, sharded: Boolean(config.selection.shard && config.selection.shard.count > 1) };
  await mkdir(join(config.outDir, 'traces'), { recursive: true });
  const done: ScenarioResult[] = [];
  await writeResultsAtomically(config.outDir, buildResults(run, done, scope));
  config.onProgress?.({ kind: 'start', total: selected.length });

  const health = config.healthCheck && selected[0] ? await checkHealth(config, selected[0]) : undefined;
  // A healthy check's evidence (a recovery) goes with the first scenario that ran.
  let healthEvidence = health?.healthy ? health.evidence : [];
  for (const [i, scenario] of selected.entries()) {
    config.onProgress?.({ kind: 'scenario-start', index: i + 1, total: selected.length, scenario });
    const result = health?.healthy === false ? unhealthyResult(scenario, config.device, health) : await runOne(scenario, config);
    if (healthEvidence.length > 0 && result.verdict !== 'not-supported') {
      result.evidence = [...(healthEvidence as ScenarioResult['evidence']), ...result.evidence];
      healthEvidence = [];
    }
    done.push(result);
    await writeResultsAtomically(config.outDir, buildResults(run, done, scope));
    config.onProgress?.({ kind: 'scenario-end', index: i + 1, total: selected.length, scenario, result });
  }
  const final = buildResults({ ...run, finishedAt: new Date(wallNow()).toISOString() }, done, scope);
  await writeResultsAtomically(config.outDir, final);
  return final;
}

/** Runs the health check in a world made for the first scenario (the world needs one), then closes it. */
async function checkHealth(config: RunConfig, first: Scenario): Promise<HealthReport> {
  const check = config.healthCheck;
  if (!check) return { healthy: true, evidence: [] };
  let world: World | undefined;
  try {
    world = await config.createWorld(scenarioSeed(config.seed, `health-check:${first.id}`), first);
    return await world.drive(check(world, config.device), HEALTH_CHECK_BUDGET_MS);
  } catch (error) {
    const reason = `the device health check did not complete: ${error instanceof Error ? error.message : String(error)}`;
    return { healthy: false, reason, evidence: [note(reason)] };
  } finally {
    await config.device.stop().catch(() => undefined);
    await world?.close().catch(() => undefined);
  }
}

function unhealthyResult(scenario: Scenario, device: DeviceUnderTest, health: Extract<HealthReport, { healthy: false }>): ScenarioResult {
  const missing = missingCapability(scenario, device);
  if (missing) return toResult(scenario, notSupported(missing), null, 0);
  return toResult(scenario, errorOutcome(`lab fault, scenario not run: ${health.reason}`, { evidence: health.evidence }), null, 0);
}

async function runOne(scenario: Scenario, config: RunConfig): Promise<ScenarioResult> {
  const started = wallNow();
  const missing = missingCapability(scenario, config.device);
  if (missing) return toResult(scenario, notSupported(missing), null, wallNow() - started);

  let world: World;
  try {
    world = await config.createWorld(scenarioSeed(config.seed, scenario.id), scenario);
  } catch (error) {
    const reason = `the harness could not set up the lab for this scenario: ${error instanceof Error ? error.message : String(error)}`;
    return toResult(scenario, errorOutcome(reason, { evidence: [note(reason)] }), null, wallNow() - started);
  }
  let result: ScenarioOutcome;
  let traceFile: string | null = null;
  let logFile: string | null = null;
  try {
    result = await executeScenario(scenario, world, config.device, { overDtls: config.overDtls === true });
    result = { ...result, evidence: withExchangeMessages(result.evidence, world.trace) };
    if (world.trace.entries().length > 0) traceFile = await writeTrace(config.outDir, scenario.id, world);
    logFile = await writeScenarioLog(config.outDir, scenario.id, world, result);
    const wireFile = await writeWireTrace(config.outDir, scenario.id, world);
    if (wireFile) result = { ...result, evidence: [...result.evidence, note(`DTLS records as they crossed the network: ${wireFile} (the CoAP inside the session is in the scenario's trace)`)] };
  } catch (error) {
    result = errorOutcome(`harness failure while running the scenario: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await world.close().catch(() => undefined);
  }
  const scenarioResult = toResult(scenario, result, traceFile, wallNow() - started);
  if (logFile) scenarioResult.consoleLog = logFile;
  return scenarioResult;
}

function missingCapability(scenario: Scenario, device: DeviceUnderTest): string | null {
  for (const feature of scenario.requires?.features ?? []) {
    if (!featurePresent(device.capabilities, feature)) return `the device profile declares '${feature}' absent`;
  }
  for (const objectId of scenario.requires?.objects ?? []) {
    if (!device.capabilities.objects.includes(objectId)) return `the device profile does not list object ${objectId}`;
  }
  return null;
}

async function writeTrace(outDir: string, scenarioId: string, world: World): Promise<string> {
  const relative = `traces/${fileSafe(scenarioId)}.pcapng`;
  await writeFile(join(outDir, relative), traceToPcapng(world.trace, { application: 'lwm2m-hil' }));
  return relative;
}

/**
 * The secure server's datagrams as they crossed the network (DTLS records, ciphertext), beside the scenario's
 * trace of the decrypted CoAP: Wireshark shows the handshake and records, the trace what they carried.
 */
async function writeWireTrace(outDir: string, scenarioId: string, world: World): Promise<string | null> {
  const secure = world.secure;
  const datagrams = secure?.wire.datagrams() ?? [];
  if (!secure || datagrams.length === 0) return null;
  const wire = new Trace({ startTime: datagrams[0]?.time ?? 0 });
  for (const d of datagrams) {
    wire.add({ time: d.time, direction: d.direction, local: secure.address.endpoint, remote: d.remote, bytes: d.bytes, note: 'DTLS' });
  }
  const relative = `traces/${fileSafe(scenarioId)}.dtls.pcapng`;
  await writeFile(join(outDir, relative), traceToPcapng(wire, { application: 'lwm2m-hil' }));
  return relative;
}

/**
 * logs/<id>.log: the device's console lines and the harness's one-line rendering of every datagram, in one
 * readable file per scenario (the report links it; Allure attaches it).
 */
async function writeScenarioLog(outDir: string, scenarioId: string, world: World, outcome: ScenarioOutcome): Promise<string | null> {
  const consoleText = outcome.evidence.flatMap((e) => (e.kind === 'console' ? e.lines : []));
  const traceText = world.trace.renderAll();
  if (consoleText.length === 0 && traceText.length === 0) return null;
  const relative = `logs/${fileSafe(scenarioId)}.log`;
  const body = [`# ${scenarioId}: ${outcome.verdict}: ${outcome.reason}`, '', '## device console', ...consoleText, '', '## messages', traceText].join('\n');
  await mkdir(join(outDir, 'logs'), { recursive: true });
  await writeFile(join(outDir, relative), `${body}\n`);
  return relative;
}

function toResult(scenario: Scenario, o: ScenarioOutcome, trace: string | null, durationMs: number): ScenarioResult {
  const result: ScenarioResult = {
    id: scenario.id,
    title: scenario.title,
    ets: [...scenario.ets],
    verifies: [...scenario.verifies],
    verdict: o.verdict,
    reason: o.reason,
    durationMs,
    evidence: o.evidence as ScenarioResult['evidence'],
    trace,
  };
  if (o.warnings.length > 0) result.warnings = o.warnings.map((w) => ({ ...w }));
  return result;
}

export function fileSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Each scenario's seed depends only on the run seed and its id (FNV-1a), not on what ran before it. */
export function scenarioSeed(runSeed: number, scenarioId: string): number {
  let hash = 0x811c9dc5 ^ (runSeed >>> 0);
  for (const ch of scenarioId) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
