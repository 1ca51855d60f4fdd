/**
 * A native LwM2M client run as a process (DESIGN §4 "Device profile kinds": process): power on = spawn it
 * from the profile's argv template, power off = SIGKILL (a power cut, not a polite exit: no De-register),
 * stdin stays open as its console (stimuli are the profile's console command templates), stdout and stderr
 * are the console evidence. A program that cannot be started is a LabError: the scenario is `error`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { DeviceEnvironment, Stimulus, StimulusResult } from '../../harness/engine/device.ts';
import { HarnessError } from '../../harness/errors.ts';
import { UdpTransport } from '../../harness/net/udp-transport.ts';
import { LabError } from '../lab/lab-error.ts';
import { placeholderValues } from '../profile/engine-view.ts';
import type { LoadedProfile } from '../profile/load.ts';
import type { PskCredentials } from '../profile/secrets.ts';
import { expandArgv } from '../profile/template.ts';
import { compilePattern } from '../profile/pattern.ts';
import { OutputLines } from './output-lines.ts';
import { builtInUriMismatch, deviceServerUri } from './server-uri.ts';
import { applyConsoleStimulus } from './console-stimulus.ts';
import { ProfileDevice } from '../common/profile-device.ts';

/** How long a SIGKILLed process may take to be reaped before stop() gives up waiting. */
const KILL_WAIT_MS = 5000;

export interface ProcessDeviceOptions {
  loaded: LoadedProfile;
  /** The profile's PSK, already resolved (resolvePsk). */
  psk?: PskCredentials;
  /** Extra environment for the child (over process.env and the profile's env). */
  env?: NodeJS.ProcessEnv;
}

interface Running {
  child: ChildProcess;
  exited: Promise<void>;
  exitCode: number | null | undefined;
}

export class ProcessDevice extends ProfileDevice<'process'> {
  private running: Running | undefined;
  private output: OutputLines | undefined;

  constructor(private readonly options: ProcessDeviceOptions) {
    super(options.loaded, 'process', options.psk);
  }

  async start(env: DeviceEnvironment): Promise<void> {
    if (this.running) return;
    this.env = env;
    this.output ??= new OutputLines(env.clock);
    const output = this.output;
    const localPort = this.config.localPort === 0 ? await freeUdpPort() : this.config.localPort;
    const values = placeholderValues(this.profile, {
      ...deviceServerUri(this.profile, env),
      ...(localPort !== undefined ? { localPort } : {}),
      ...(this.options.psk ? { psk: this.options.psk } : {}),
    });
    const argv = expandArgv(this.config.argv, values, 'process.argv');
    const [program, ...args] = argv as [string, ...string[]];
    const shown = redact(argv, values['psk.keyHex']).join(' ');
    const child = spawn(program, args, {
      cwd: this.config.cwd ?? this.options.loaded.dir,
      env: { ...process.env, ...this.config.env, ...this.options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (err: NodeJS.ErrnoException) => {
        const why = err.code === 'ENOENT' ? 'no such program (check process.argv[0] and PATH)' : err.code === 'EACCES' ? 'not executable' : err.message;
        reject(new LabError(`cannot start the device process '${program}': ${why}`, { program, cwd: this.config.cwd ?? this.options.loaded.dir, code: err.code }, err));
      });
    });
    const running: Running = { child, exitCode: undefined, exited: Promise.resolve() };
    running.exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        running.exitCode = code;
        output.end();
        if (this.running === running) {
          // Exited by itself (a crash, or `quit`): the device is off; later waits for it end as inconclusive.
          this.running = undefined;
          this.lab('exited', signal ? `signal ${signal}` : `exit code ${code}`);
        }
        resolve();
      });
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream].setEncoding('utf8');
      child[stream].on('data', (chunk: string) => output.push(stream, chunk));
    }
    // A console write after the process died must not crash the harness.
    child.stdin.on('error', () => undefined);
    this.running = running;
    this.lab('power on', `pid ${child.pid ?? '?'}: ${shown}`);
    const mismatch = builtInUriMismatch(this.profile, env);
    if (mismatch !== undefined) this.lab('lab warning', mismatch);
    if (this.config.readyPattern !== undefined) await this.waitReady(compilePattern(this.config.readyPattern));
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    running.child.kill('SIGKILL');
    const clock = this.env?.clock;
    if (clock) {
      // Bounded, and the timer is cancelled so that it does not keep a finished run alive.
      let timer: { cancel(): void } | undefined;
      await Promise.race([running.exited, new Promise<void>((resolve) => (timer = clock.setTimeout(resolve, KILL_WAIT_MS)))]);
      timer?.cancel();
    }
    this.lab('power off', 'SIGKILL');
  }

  async stimulus(stimulus: Stimulus): Promise<StimulusResult> {
    const running = this.running;
    const output = this.output;
    if (!running || !output) return { applied: false, reason: 'the device process is not running' };
    return applyConsoleStimulus(this.profile.stimuli, stimulus, {
      write: async (line) => {
        output.note(`> ${line}`);
        await new Promise<void>((resolve, reject) => running.child.stdin?.write(`${line}\n`, (err) => (err ? reject(err) : resolve())));
      },
      waitFor: (want, options) => output.waitFor(want, options),
    });
  }

  takeConsoleLines(): string[] {
    return this.output?.take() ?? [];
  }

  private async waitReady(pattern: RegExp): Promise<void> {
    const output = this.output as OutputLines;
    const result = await output.waitFor(pattern, { timeoutMs: this.tolerances.bootMs });
    if (result.kind === 'match') return;
    // The device did not come up: its fault (inconclusive for the scenario), not the lab's.
    const why = result.kind === 'ended' ? 'the process exited first' : `not within ${this.tolerances.bootMs} ms`;
    throw new HarnessError(`the device process printed no line matching ${pattern} (process.readyPattern): ${why}`, { origin: 'device', context: { device: this.name } });
  }
}

/** The argv as it may be shown: the PSK key never appears in evidence. */
function redact(argv: readonly string[], keyHex: string | undefined): string[] {
  if (keyHex === undefined || keyHex === '') return [...argv];
  return argv.map((arg) => arg.split(keyHex).join('<psk>'));
}

/** A UDP port free right now, for a client that needs its own port on the command line ({localPort}). */
async function freeUdpPort(): Promise<number> {
  const probe = await UdpTransport.open({ address: '0.0.0.0', port: 0 });
  const port = probe.local.port;
  await probe.close();
  return port;
}
