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
  'run [--device emulated|PROFILE.yaml] [--fault NAME]... [--suite GLOB] [--requirement ID,...] [--out DIR] ' +
  '[--clock virtual|real] [--bind HOST:PORT] [--link proxy|direct|HOST:PORT] [--dtls] [--seed N] [--shard K/N] [--gate POLICY.yaml] [--baseline results.json]';

export const runCommand: Command = {
  name: 'run',
  usage: USAGE,
  summary: 'check the requirements against a device and write the conformance report',
  async run(argv, plugins) {
    const { values, positionals } = parseOptions(argv, {
      device: { type: 'string', default: 'emulated' },
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
    const clock = values.clock ?? (values.device === 'emulated' ? 'virtual' : 'real');
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

    const device = await plugins.createDevice({ device: values.device, faults: values.fault, clock });
    if (values.dtls && !device.psk) throw new UsageError('--dtls runs every scenario over DTLS with the device\'s PSK, and this device has none (profile security)');
    const scenarios = await plugins.scenarios();
    const outDir = resolve(values.out);
    const results = await runConformance({
      scenarios,
      device,
      clock,
      seed,
      selection: { suite: values.suite, requirements, shard },
      outDir,
      version: harnessVersion(),
      ...(values.fault.length > 0 ? { fault: values.fault.join('+') } : {}),
      createWorld: worldFactory(realLab, device),
      ...healthCheckOf(device),
      ...(values.dtls ? { overDtls: true } : {}),
      onProgress: progressPrinter(),
    });
    await writeReports(outDir, results);
    await writeAllureResults(join(outDir, 'allure-results'), results, attachmentsFromOutputDir(outDir), { clean: true });

    const gate = evaluateGate(results, policy, baseline);
    const out = process.stdout;
    out.write(`requirements: ${formatSummary(results.summary)}\n`);
    out.write(`report: ${outDir}/matrix.html  results: ${outDir}/results.json  seed: ${seed}\n`);
    if (gate.passed) {
      out.write('gate: passed\n');
      return 0;
    }
    out.write(`gate: FAILED (${gate.violations.length} requirement${gate.violations.length === 1 ? '' : 's'})\n`);
    for (const v of gate.violations) out.write(`  ${v.requirement}: ${v.verdict} - ${v.why}\n`);
    return 1;
  },
};

type RealLab = Pick<RealWorldOptions, 'bind' | 'link'>;

/**
 * Virtual clock: a fresh simulated lab per scenario. Real clock: a real-UDP world per scenario on the same
 * fixed ports (cheap to open and close; see real-world.ts for the trade-off), with the shaping proxy in the
 * device's path unless --link direct.
 */
function worldFactory(realLab: RealLab | undefined, device: DeviceUnderTest): (seed: number) => Promise<World> {
  if (!realLab) return (seed) => createVirtualWorld({ seed });
  return (seed) => createRealWorld({ seed, ...realLab, ...(device.psk ? { psk: device.psk } : {}) });
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
