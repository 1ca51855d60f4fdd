/**
 * `lwm2m-hil run` (DESIGN §4): every selected scenario against the device, reports in --out, and the gate's
 * exit code: 0 gate passed, 1 gate failed, 2 usage, configuration or harness error.
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { attachmentsFromOutputDir, writeAllureResults } from '../../reports/allure/index.ts';
import { readResults } from '../../reports/write-results.ts';
import { writeReports } from '../../reports/write-reports.ts';
import { formatSummary } from '../../reports/summary.ts';
import { canonicalRequirementId } from '../engine/catalogue.ts';
import { DEFAULT_POLICY, evaluateGate, loadGatePolicy } from '../engine/gate.ts';
import { runConformance, type RunConfig } from '../engine/runner.ts';
import { parseShard } from '../engine/selection.ts';
import { createVirtualWorld } from '../engine/virtual-world.ts';
import { createRealWorld, DEFAULT_REAL_BIND, type RealWorldOptions } from '../engine/real-world.ts';
import type { DeviceUnderTest } from '../engine/device.ts';
import type { World } from '../engine/world.ts';
import { parseHostPort, parseOptions } from './args.ts';
import { progressPrinter } from './progress.ts';
import { UsageError, type Command } from './usage.ts';

const USAGE =
  'run [--device emulated|PROFILE.yaml]... [--fault NAME]... [--suite GLOB] [--requirement ID,...] [--out DIR] ' +
  '[--clock virtual|real] [--bind HOST:PORT] [--link proxy|direct|HOST:PORT] [--dtls] [--seed N] [--shard K/N] [--gate POLICY.yaml] [--baseline results.json]';

export const runCommand: Command = {
  name: 'run',
  usage: USAGE,
  summary: 'check the requirements against a device and write the conformance report',
  async run(argv, plugins) {
    const { values, positionals } = parseOptions(argv, {
      device: { type: 'string', multiple: true, default: ['emulated'] },
      fault: { type: 'string', multiple: true, default: [] },
      suite: { type: 'string' },
      requirement: { type: 'string', multiple: true, default: [] },
      out: { type: 'string', default: 'out' },
      clock: { type: 'string' },
      bind: { type: 'string', default: `${DEFAULT_REAL_BIND.host}:${DEFAULT_REAL_BIND.port}` },
      link: { type: 'string', default: 'proxy' },
      seed: { type: 'string', default: '1' },
      shard: { type: 'string' },
      gate: { type: 'string' },
      baseline: { type: 'string' },
      dtls: { type: 'boolean', default: false },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const clock = values.clock ?? (values.device.every((d) => d === 'emulated') ? 'virtual' : 'real');
    if (clock !== 'virtual' && clock !== 'real') throw new UsageError(`--clock must be virtual or real, got '${clock}'`);
    const realLab = clock === 'real' ? parseRealLab(values.bind, values.link) : undefined;
    if (!/^\d{1,10}$/.test(values.seed)) throw new UsageError(`--seed must be a non-negative integer, got '${values.seed}'`);
    const seed = Number(values.seed);
    const requirements = values.requirement
      .flatMap((text) => text.split(','))
      .filter((text) => text.trim().length > 0)
      .map((text) => {
        const id = canonicalRequirementId(text);
        if (!id) throw new UsageError(`unknown requirement id '${text}' (e.g. HLF-001 or LightweightM2M-HLF-001)`);
        return id;
      });
    const shard = values.shard === undefined ? null : parseShardOrUsage(values.shard);
    const policy = values.gate ? await loadGatePolicy(values.gate) : DEFAULT_POLICY;
    const baseline = values.baseline ? await readResults(values.baseline) : undefined;

    // Every profile is loaded before any board runs: a bad one ends the run with exit 2 before the night starts.
    const devices: DeviceUnderTest[] = [];
    for (const name of values.device) devices.push(await plugins.createDevice({ device: name, faults: values.fault, clock }));
    for (const device of devices) {
      if (values.dtls && !device.psk) throw new UsageError(`--dtls runs every scenario over DTLS with the device's PSK, and ${device.name} has none (profile security)`);
    }
    const scenarios = await plugins.scenarios();
    const out = resolve(values.out);
    const several = devices.length > 1;
    let exit = 0;
    for (const [index, device] of devices.entries()) {
      // A rack: one output folder per board, one after the other on the same lab ports; an unhealthy board's
      // scenarios are `error` (its health check) and the run goes on with the next board.
      const outDir = several ? join(out, `${index + 1}-${folderName(device.name)}`) : out;
      const prefix = several ? `[${index + 1}/${devices.length} ${device.name}] ` : '';
      if (several) process.stdout.write(`${prefix}running into ${outDir}\n`);
      const results = await runConformance({
        scenarios,
        device,
        clock,
        seed,
        selection: { suite: values.suite, requirements, shard },
        outDir,
        version: harnessVersion(),
        ...(values.fault.length > 0 ? { fault: values.fault.join('+') } : {}),
        createWorld: worldFactory(realLab, device, values.dtls),
        ...healthCheckOf(device),
        ...(values.dtls ? { overDtls: true } : {}),
        onProgress: progressPrinter(),
      });
      await writeReports(outDir, results);
      await writeAllureResults(join(outDir, 'allure-results'), results, attachmentsFromOutputDir(outDir), { clean: true });
      const gate = evaluateGate(results, policy, baseline);
      const stdout = process.stdout;
      stdout.write(`${prefix}requirements: ${formatSummary(results.summary)}\n`);
      stdout.write(`${prefix}report: ${outDir}/matrix.html  results: ${outDir}/results.json  seed: ${seed}\n`);
      if (gate.passed) {
        stdout.write(`${prefix}gate: passed\n`);
        continue;
      }
      exit = 1;
      stdout.write(`${prefix}gate: FAILED (${gate.violations.length} requirement${gate.violations.length === 1 ? '' : 's'})\n`);
      for (const v of gate.violations) stdout.write(`${prefix}  ${v.requirement}: ${v.verdict} - ${v.why}\n`);
    }
    return exit;
  },
};

/** A device name as a folder name: letters, digits, dot, dash and underscore. */
function folderName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'device';
}

type RealLab = Pick<RealWorldOptions, 'bind' | 'link'>;

/**
 * Virtual clock: a fresh simulated lab per scenario. Real clock: a real-UDP world per scenario on the same
 * fixed ports (cheap to open and close; see real-world.ts for the trade-off), with the shaping proxy in the
 * device's path unless --link direct.
 */
function worldFactory(realLab: RealLab | undefined, device: DeviceUnderTest, overDtls: boolean): (seed: number) => Promise<World> {
  if (!realLab) return (seed) => createVirtualWorld({ seed });
  // A device that speaks DTLS only reaches the coaps server, so that is what the shaping proxy must front.
  const linkTo = device.dtlsOnly === true || overDtls ? 'secure' : 'server';
  // A second server only for a device that declares multi-server (it must be able to take a second account).
  const secondServer = device.capabilities.features['multi-server'] === true;
  return (seed) => createRealWorld({ seed, ...realLab, linkTo, secondServer, ...(device.psk ? { psk: device.psk } : {}) });
}

function parseRealLab(bind: string, link: string): RealLab {
  const server = parseHostPort(bind, '--bind');
  const at = { host: server.address, port: server.port };
  if (link === 'direct') return { bind: at };
  if (link === 'proxy') return { bind: at, link: { host: at.host, port: 0 } };
  const proxy = parseHostPort(link, '--link (proxy|direct|HOST:PORT)');
  return { bind: at, link: { host: proxy.address, port: proxy.port } };
}

function parseShardOrUsage(text: string) {
  try {
    return parseShard(text);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function harnessVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

/** Boards offer a health check (register within the boot timeout, power-cycled a few times) run before the suites. */
function healthCheckOf(device: DeviceUnderTest): Pick<RunConfig, 'healthCheck'> {
  const offered = (device as DeviceUnderTest & { healthCheck?: () => NonNullable<RunConfig['healthCheck']> }).healthCheck;
  return typeof offered === 'function' ? { healthCheck: offered.call(device) } : {};
}
