import { HarnessError, TimeoutError } from '../../harness/errors.ts';
import { LabError } from '../lab/lab-error.ts';

function tailBlock(tail: readonly string[], logFile: string | undefined): string {
  const shown = tail.length > 0 ? tail.map((l) => `  | ${l}`).join('\n') : '  (nothing received)';
  return `\nlast ${tail.length} console lines:\n${shown}${logFile !== undefined ? `\nfull log: ${logFile}` : ''}`;
}

/** The device did not print what was expected in time. The message carries the console's tail and the log path. */
export class ConsoleTimeoutError extends TimeoutError {
  readonly tail: readonly string[];

  constructor(what: string, timeoutMs: number, tail: readonly string[], logFile: string | undefined) {
    super(what, timeoutMs, { tail, logFile });
    this.tail = tail;
    this.message += tailBlock(tail, logFile);
  }
}

/** The device printed a line that shows the step failed (a `notMatching` pattern). */
export class ConsoleMismatchError extends HarnessError {
  readonly line: string;

  constructor(what: string, pattern: RegExp, line: string, tail: readonly string[], logFile: string | undefined) {
    super(`${what}: the console printed a line matching ${String(pattern)}: ${JSON.stringify(line)}${tailBlock(tail, logFile)}`, {
      origin: 'device',
      context: { pattern: String(pattern), line, logFile },
    });
    this.line = line;
  }
}

/** The port went away (unplugged, closed) while the harness was using it: a lab fault. */
export class ConsoleClosedError extends LabError {
  constructor(port: string, reason: string) {
    super(`serial console ${port} is closed: ${reason}`, { port });
  }
}

/** Two expectations at once on one console would steal each other's lines: a harness bug. */
export class ConsoleBusyError extends HarnessError {
  constructor(port: string) {
    super(`serial console ${port}: an expect() is already waiting; wait for it before starting another`, { context: { port } });
  }
}
