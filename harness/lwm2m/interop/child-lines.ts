import { spawn, type ChildProcess } from 'node:child_process';
import { HarnessError } from '../../errors.ts';

/** A line the child never printed within the wait, with what it did print (for the failure message). */
export class ChildWaitError extends HarnessError {
  constructor(what: string, pattern: RegExp, ms: number, output: string) {
    super(`${what}: no line matching ${pattern} within ${ms} ms; output so far:\n${output}`, { origin: 'lab', context: { pattern: String(pattern), timeoutMs: ms } });
  }
}

/**
 * A child process seen as lines of text (stdout and stderr merged, in arrival order), for interop tests that
 * drive third-party clients and the CLI. Waits are bounded; kill() is safe to call more than once.
 */
export class ChildLines {
  readonly lines: string[] = [];
  private readonly waiters = new Set<{ pattern: RegExp; from: number; resolve: (m: RegExpMatchArray) => void }>();
  private exited: Promise<number | null>;
  private partial = { stdout: '', stderr: '' };

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    for (const stream of ['stdout', 'stderr'] as const) {
      this.child[stream]?.setEncoding('utf8');
      this.child[stream]?.on('data', (chunk: string) => this.take(stream, chunk));
    }
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code) => resolve(code));
      this.child.once('error', (err) => {
        this.push(`[spawn error] ${err.message}`);
        resolve(null);
      });
    });
  }

  static spawn(name: string, command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildLines {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    return new ChildLines(name, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resolves with the first line (from line index `from` on) that matches; rejects after ms. */
  waitForLine(pattern: RegExp, ms: number, from = 0): Promise<RegExpMatchArray> {
    for (let i = from; i < this.lines.length; i++) {
      const match = (this.lines[i] as string).match(pattern);
      if (match) return Promise.resolve(match);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        pattern,
        from,
        resolve: (m: RegExpMatchArray) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new ChildWaitError(this.name, pattern, ms, this.lines.join('\n')));
      }, ms);
      this.waiters.add(waiter);
    });
  }

  /** Writes one command line to the child's stdin. */
  send(line: string): void {
    this.child.stdin?.write(line + '\n');
  }

  /** Sends a signal and waits (bounded) for the exit; SIGKILL when it does not go. Resolves with the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const result = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      this.child.kill('SIGKILL');
      return this.exited;
    }
    return result;
  }

  /** The exit code once the child has ended. */
  exit(): Promise<number | null> {
    return this.exited;
  }

  private take(stream: 'stdout' | 'stderr', chunk: string): void {
    const text = this.partial[stream] + chunk;
    const parts = text.split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const line of parts) this.push(line.replace(/\r$/, ''));
  }

  private push(line: string): void {
    this.lines.push(line);
    const index = this.lines.length - 1;
    for (const waiter of [...this.waiters]) {
      if (index < waiter.from) continue;
      const match = line.match(waiter.pattern);
      if (match) waiter.resolve(match);
    }
  }
}
