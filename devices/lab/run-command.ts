import { spawn } from 'node:child_process';
import { RealClock } from '../../harness/clock/real-clock.ts';
import { LabError, tailLines } from './lab-error.ts';

// Lab commands are real processes: their time limit is wall-clock time, whatever clock the run uses.
const wallClock = new RealClock();

/**
 * A lab command: either an argv list (run directly, no shell) or one string (run by the system shell, so an
 * operator can write pipes and quotes as at a prompt). Profiles are written by the lab's own operators, so a
 * shell string is trusted input.
 */
export type CommandSpec = string | readonly string[];

export interface RunCommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the command after this long (default 120 s); a hung relay CLI must not hang the run. */
  timeoutMs?: number;
  /** What the command is for, for error messages ("power on", "flash"). */
  purpose: string;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const DEFAULT_TIMEOUT_MS = 120_000;
/** Output kept per stream; enough for a tail in an error message, bounded so a chatty tool cannot eat memory. */
const MAX_CAPTURE = 64 * 1024;

/** Runs a command to completion; a non-zero exit, a signal or a spawn failure is a LabError with the stderr tail. */
export async function runCommand(command: CommandSpec, options: RunCommandOptions): Promise<CommandResult> {
  const shown = describeCommand(command);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child =
      typeof command === 'string'
        ? spawn(command, { shell: true, cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(command[0] ?? '', command.slice(1), { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Our own timer rather than spawn's `timeout`, which is not cleared when the program cannot be started.
    let timedOut = false;
    const timer = wallClock.setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout = keepTail(stdout + chunk.toString('utf8'))));
    child.stderr.on('data', (chunk: Buffer) => (stderr = keepTail(stderr + chunk.toString('utf8'))));
    child.on('error', (err) => {
      timer.cancel();
      reject(new LabError(`${options.purpose}: cannot run ${shown}: ${err.message}`, { command: shown, purpose: options.purpose }, err));
    });
    child.on('close', (code, signal) => {
      timer.cancel();
      if (code === 0) {
        resolve({ exitCode: 0, stdout, stderr });
        return;
      }
      const why = timedOut ? `did not finish within ${timeoutMs} ms (killed)` : signal !== null ? `was killed by ${signal}` : `exited with ${code}`;
      const tail = tailLines(stderr, 10);
      const shownTail = tail.length > 0 ? `\nstderr (last ${tail.length} lines):\n${tail.join('\n')}` : ' (no stderr)';
      reject(
        new LabError(`${options.purpose}: ${shown} ${why}${shownTail}`, {
          command: shown,
          purpose: options.purpose,
          exitCode: code,
          signal,
          timedOut,
          stderrTail: tail,
        }),
      );
    });
  });
}

/** A command as one readable line, for logs and messages. */
export function describeCommand(command: CommandSpec): string {
  if (typeof command === 'string') return command;
  return command.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(' ');
}

/** The program a command starts (argv[0], or the first word of a shell string), for existence checks. */
export function commandProgram(command: CommandSpec): string | undefined {
  if (typeof command !== 'string') return command[0];
  const first = command.trim().split(/\s+/)[0];
  return first === undefined || first === '' ? undefined : first.replace(/^["']|["']$/g, '');
}

function keepTail(text: string): string {
  return text.length > MAX_CAPTURE ? text.slice(-MAX_CAPTURE) : text;
}
