import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { commandProgram, describeCommand } from '../lab/run-command.ts';
import type { CommandSpec } from '../lab/run-command.ts';
import { closeSerialPort, openSerialPort } from '../serial/serial-port.ts';
import type { SerialBinding } from '../serial/serial-port.ts';
import { loadProfile } from './load.ts';
import type { LoadedProfile } from './load.ts';
import type { DeviceProfile } from './schema.ts';
import { describePsk, resolvePsk } from './secrets.ts';

export interface CheckItem {
  check: string;
  ok: boolean;
  message: string;
}

export interface CheckReport {
  file: string;
  /** The profile's name when it loaded. */
  name?: string;
  ok: boolean;
  checks: CheckItem[];
}

export interface CheckDeps {
  /** Serial binding for port probes (default: the OS's). */
  binding?: SerialBinding;
  env?: NodeJS.ProcessEnv;
}

/**
 * `lwm2m-hil devices check PROFILE.yaml`: validates the profile and probes what can be probed without
 * touching the board: ports open (and are closed again; relays are not switched), programs exist and are
 * executable, files exist, the PSK can be read (never shown).
 */
export async function checkProfile(file: string, deps: CheckDeps = {}): Promise<CheckReport> {
  const checks: CheckItem[] = [];
  let loaded: LoadedProfile;
  try {
    loaded = await loadProfile(file);
  } catch (err) {
    checks.push({ check: 'profile', ok: false, message: (err as Error).message });
    return { file, ok: false, checks };
  }
  const { profile, dir } = loaded;
  checks.push({ check: 'profile', ok: true, message: `${profile.name}: kind ${profile.kind}, endpoint ${profile.endpoint}` });
  const env = deps.env ?? process.env;
  checks.push(await checkSecurity(profile, env));
  if (profile.process !== undefined) {
    const program = profile.process.argv[0] ?? '';
    checks.push(await checkProgram('process program', program, profile.process.cwd ?? dir, env));
  }
  if (profile.serial !== undefined) checks.push(await probePort('serial console', profile.serial.port, profile.serial.baud, deps.binding));
  checks.push(...(await checkPower(profile, dir, env, deps.binding)));
  if (profile.flash !== undefined) {
    checks.push(await checkFile('flash image', profile.flash.image));
    checks.push(await checkCommand('flash command', profile.flash.command, dir, env));
  }
  for (const pkg of profile.firmware?.packages ?? []) checks.push(await checkFile(`firmware package ${pkg.name}`, pkg.file));
  checks.push(stimuliSummary(profile));
  return { file, name: profile.name, ok: checks.every((c) => c.ok), checks };
}

async function checkSecurity(profile: DeviceProfile, env: NodeJS.ProcessEnv): Promise<CheckItem> {
  if (profile.security.mode === 'nosec') return { check: 'security', ok: true, message: 'NoSec' };
  try {
    const psk = await resolvePsk(profile.security, env);
    return { check: 'security', ok: true, message: psk === undefined ? 'NoSec' : describePsk(psk) };
  } catch (err) {
    return { check: 'security', ok: false, message: (err as Error).message };
  }
}

async function checkPower(profile: DeviceProfile, dir: string, env: NodeJS.ProcessEnv, binding: SerialBinding | undefined): Promise<CheckItem[]> {
  const power = profile.power;
  switch (power.type) {
    case 'lcus':
    case 'numato':
      return [await probePort(`power (${power.type} relay)`, power.port, power.baud, binding)];
    case 'dtr-rts': {
      const port = power.port ?? profile.serial?.port;
      if (port === undefined || port === profile.serial?.port) return [{ check: 'power (dtr-rts)', ok: true, message: `reset lines of the console port, sequence "${power.sequence}"` }];
      return [await probePort('power (dtr-rts)', port, 115200, binding)];
    }
    case 'command': {
      const items = [await checkCommand('power on command', power.on, dir, env), await checkCommand('power off command', power.off, dir, env)];
      if (power.cycle !== undefined) items.push(await checkCommand('power cycle command', power.cycle, dir, env));
      return items;
    }
    case 'manual':
      return [{ check: 'power (manual)', ok: true, message: 'the operator switches the board when asked (not for unattended runs)' }];
    case 'none':
      return [{ check: 'power (none)', ok: true, message: 'no power control: a hung board cannot be recovered' }];
  }
}

async function probePort(check: string, path: string, baudRate: number, binding: SerialBinding | undefined): Promise<CheckItem> {
  try {
    const port = await openSerialPort({ path, baudRate, binding, role: check });
    await closeSerialPort(port);
    return { check, ok: true, message: `${path} opens at ${baudRate} baud` };
  } catch (err) {
    return { check, ok: false, message: (err as Error).message };
  }
}

async function checkCommand(check: string, command: CommandSpec, cwd: string, env: NodeJS.ProcessEnv): Promise<CheckItem> {
  const program = commandProgram(command);
  if (program === undefined) return { check, ok: false, message: `empty command` };
  const item = await checkProgram(check, program, cwd, env);
  return item.ok ? { ...item, message: `${describeCommand(command)} (${item.message})` } : item;
}

/** A program named with a slash must exist and be executable; a bare name must be found on PATH. */
async function checkProgram(check: string, program: string, cwd: string, env: NodeJS.ProcessEnv): Promise<CheckItem> {
  const candidates = program.includes('/') ? [isAbsolute(program) ? program : resolve(cwd, program)] : (env['PATH'] ?? '').split(delimiter).filter((d) => d !== '').map((d) => join(d, program));
  for (const candidate of candidates) {
    if (await isExecutableFile(candidate)) return { check, ok: true, message: `found ${candidate}` };
  }
  const where = program.includes('/') ? (candidates[0] ?? program) : `${program} on PATH`;
  return { check, ok: false, message: `cannot find an executable ${where}` };
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function checkFile(check: string, path: string): Promise<CheckItem> {
  try {
    const info = await stat(path);
    return info.isFile() ? { check, ok: true, message: `${path} (${info.size} bytes)` } : { check, ok: false, message: `${path} is not a file` };
  } catch {
    return { check, ok: false, message: `${path} does not exist` };
  }
}

function stimuliSummary(profile: DeviceProfile): CheckItem {
  if (profile.kind === 'emulated') return { check: 'stimuli', ok: true, message: 'built into the emulated client' };
  const all = ['set-value', 'registration-update', 'raise-error', 'reboot'] as const;
  const missing = all.filter((k) => profile.stimuli[k] === undefined);
  const message =
    missing.length === 0 ? 'all stimuli defined' : `not defined: ${missing.join(', ')} (scenarios that need them end inconclusive)`;
  return { check: 'stimuli', ok: true, message };
}

/** The report as text lines for the CLI: "ok   serial console: /dev/ttyACM0 opens at 115200 baud". */
export function formatCheckReport(report: CheckReport): string {
  const lines = report.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.check}: ${c.message.replace(/\n/g, '\n     ')}`);
  lines.push(report.ok ? `${report.file}: all checks passed` : `${report.file}: ${report.checks.filter((c) => !c.ok).length} check(s) failed`);
  return lines.join('\n');
}
