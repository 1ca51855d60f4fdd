import type { Clock } from '../../harness/clock/clock.ts';

/** What a wait for output found: the matching line, a line that means failure, or nothing in time. */
export type LineWait = { kind: 'match'; line: string } | { kind: 'failed'; line: string } | { kind: 'timeout' } | { kind: 'ended' };

interface Waiter {
  want: RegExp;
  fail: readonly RegExp[];
  done: (result: LineWait) => void;
}

const MAX_EVIDENCE_LINES = 5000;

/**
 * A child process's output as lines (stdout and stderr in arrival order, stderr marked), kept for evidence
 * until taken, with bounded waits for a line that matches. Chunks are split on LF (a CR before it is dropped).
 */
export class OutputLines {
  private evidence: string[] = [];
  private dropped = 0;
  private readonly partial = { stdout: '', stderr: '' };
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly clock: Clock) {}

  /** Feeds a chunk of one stream. */
  push(stream: 'stdout' | 'stderr', chunk: string): void {
    const text = this.partial[stream] + chunk;
    const lines = text.split('\n');
    this.partial[stream] = lines.pop() ?? '';
    for (const line of lines) this.line(stream, line.replace(/\r$/, ''));
  }

  /** The stream ended (the process exited): flushes partial lines and ends every wait. */
  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') this.line(stream, this.partial[stream]);
      this.partial[stream] = '';
    }
    for (const waiter of [...this.waiters]) waiter.done({ kind: 'ended' });
  }

  /** A line the harness itself adds (what it typed on stdin, lab notes). */
  note(text: string): void {
    this.keep(text);
  }

  /** Waits for the next line matching `want` (or one of `fail`), up to timeoutMs on the run clock. */
  waitFor(want: RegExp, options: { timeoutMs: number; fail?: readonly RegExp[] }): Promise<LineWait> {
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => waiter.done({ kind: 'timeout' }), options.timeoutMs);
      const waiter: Waiter = {
        want,
        fail: options.fail ?? [],
        done: (result) => {
          timer.cancel();
          this.waiters.delete(waiter);
          resolve(result);
        },
      };
      this.waiters.add(waiter);
    });
  }

  take(): string[] {
    const lines = this.dropped > 0 ? [`... ${this.dropped} earlier line(s) dropped`, ...this.evidence] : this.evidence;
    this.evidence = [];
    this.dropped = 0;
    return lines;
  }

  private line(stream: 'stdout' | 'stderr', text: string): void {
    this.keep(stream === 'stderr' ? `stderr: ${text}` : text);
    for (const waiter of [...this.waiters]) {
      if (waiter.fail.some((p) => p.test(text))) waiter.done({ kind: 'failed', line: text });
      else if (waiter.want.test(text)) waiter.done({ kind: 'match', line: text });
    }
  }

  private keep(text: string): void {
    this.evidence.push(`${new Date(this.clock.now()).toISOString()} ${text}`);
    if (this.evidence.length > MAX_EVIDENCE_LINES) {
      this.evidence.shift();
      this.dropped++;
    }
  }
}
