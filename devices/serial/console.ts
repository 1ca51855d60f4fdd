import type { SerialPortStream } from '@serialport/stream';
import type { Clock, TimerHandle } from '../../harness/clock/clock.ts';
import { ConsoleBuffer } from './console-buffer.ts';
import type { Position, StoredLine } from './console-buffer.ts';
import { ConsoleBusyError, ConsoleClosedError, ConsoleMismatchError, ConsoleTimeoutError } from './console-errors.ts';
import { ConsoleLogFile } from './console-log.ts';
import type { ConsoleLine } from './console-log.ts';
import { LineSplitter, plainText } from './line-splitter.ts';
import { closeSerialPort, openSerialPort, setControlLines, writeAndDrain } from './serial-port.ts';
import type { SerialBinding } from './serial-port.ts';

export interface SerialConsoleOptions {
  path: string;
  baudRate: number;
  /** Run clock: line timestamps and expect/settle timeouts. */
  clock: Clock;
  /** Default: the OS binding (bindings-cpp). */
  binding?: SerialBinding;
  /** Appended to every write(line) (default CR LF). */
  lineEnding?: string;
  /** Lines kept for matching and error tails (default 5000). */
  windowLines?: number;
  /** Lines kept for takeLines() between two calls (default 20000; older ones are dropped with a marker). */
  evidenceLines?: number;
}

export interface ExpectOptions {
  timeoutMs: number;
  /** Wait until every pattern has matched (in any order) instead of the first one. */
  all?: boolean;
  /** Lines that mean failure: the first unread line matching one ends the wait at once. */
  notMatching?: readonly RegExp[];
  /** For messages: what is being waited for (default: the patterns). */
  what?: string;
}

export interface ExpectMatch {
  /** Index of the pattern in the list given to expect(). */
  index: number;
  pattern: RegExp;
  /** The whole console line the match is in. */
  line: string;
  match: RegExpExecArray;
  time: number;
}

export interface ExpectResult extends ExpectMatch {
  /** All-of: one match per pattern, in pattern order. Any-of: the one match. */
  matches: ExpectMatch[];
}

const TAIL_LINES = 20;

/**
 * A device's serial console with expect/settle, timestamped lines and a per-scenario log. Works on raw bytes:
 * partial lines, CR LF or LF, UTF-8 split across reads, terminal colour codes (removed before matching).
 */
export class SerialConsole {
  private port: SerialPortStream | undefined;
  private readonly splitter = new LineSplitter();
  private readonly buffer: ConsoleBuffer;
  private evidence: ConsoleLine[] = [];
  private evidenceDropped = 0;
  private log: ConsoleLogFile | undefined;
  private waiter: Waiter | undefined;
  private readonly dataListeners = new Set<() => void>();
  private closedReason: string | undefined;

  constructor(private readonly options: SerialConsoleOptions) {
    this.buffer = new ConsoleBuffer(options.windowLines ?? 5000);
  }

  get path(): string {
    return this.options.path;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  /** Opens the port; a missing or busy port is a LabError naming it. */
  async open(): Promise<void> {
    if (this.isOpen) return;
    const port = await openSerialPort({ path: this.options.path, baudRate: this.options.baudRate, binding: this.options.binding, role: 'console' });
    this.port = port;
    this.closedReason = undefined;
    port.on('data', (chunk: Buffer) => this.receive(chunk));
    port.on('error', () => {
      /* surfaced through 'close' or the failing call */
    });
    port.on('close', (err: (Error & { disconnected?: boolean }) | null) => {
      this.closedReason = err?.disconnected === true ? `disconnected (${err.message})` : 'closed';
      this.port = undefined;
      this.waiter?.fail(new ConsoleClosedError(this.options.path, this.closedReason));
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    if (port !== undefined) await closeSerialPort(port);
    const rest = this.splitter.flush();
    if (rest !== undefined) this.addLine(rest);
    await this.stopLog();
  }

  /** Types a line (the line ending is added). */
  async write(line: string): Promise<void> {
    await writeAndDrain(this.requirePort('write'), line + (this.options.lineEnding ?? '\r\n'), 'console');
    this.record({ time: this.options.clock.now(), dir: 'tx', text: line });
  }

  /** Sends bytes as they are (e.g. Ctrl-C as "\x03"); not recorded as a line. */
  async writeRaw(data: Buffer | string): Promise<void> {
    await writeAndDrain(this.requirePort('write'), data, 'console');
  }

  /** DTR/RTS on the console's own port (reset lines of a USB-UART): for the dtr-rts power driver. */
  async setControlLines(lines: { dtr?: boolean; rts?: boolean }): Promise<void> {
    await setControlLines(this.requirePort('set control lines'), lines, 'console');
  }

  /** Marks everything received so far as read, so the next expect() only sees new output. */
  discardUnread(): void {
    this.buffer.consumeAll();
  }

  /**
   * Waits for output. Any-of (default): resolves with the first unread match of any pattern. All-of: resolves
   * when every pattern has matched. A `notMatching` line rejects at once (ConsoleMismatchError); running out
   * of time rejects with ConsoleTimeoutError carrying the last lines and the log path.
   */
  expect(patterns: RegExp | readonly RegExp[], options: ExpectOptions): Promise<ExpectResult> {
    if (this.waiter !== undefined) return Promise.reject(new ConsoleBusyError(this.options.path));
    if (this.port === undefined) return Promise.reject(new ConsoleClosedError(this.options.path, this.closedReason ?? 'not opened'));
    const list = (Array.isArray(patterns) ? patterns : [patterns]).map(fresh);
    const what = options.what ?? `waiting for ${options.all === true ? 'all of' : 'one of'} ${list.map(String).join(', ')}`;
    return new Promise<ExpectResult>((resolve, reject) => {
      const finish = (): void => {
        timer.cancel();
        this.waiter = undefined;
      };
      const waiter = new Waiter(this.buffer, list, options.all === true, (options.notMatching ?? []).map(fresh), {
        done: (result, end) => {
          finish();
          this.buffer.consumeTo(end);
          resolve(result);
        },
        fail: (err) => {
          finish();
          reject(err);
        },
        mismatch: (pattern, line) => new ConsoleMismatchError(what, pattern, line, this.buffer.tail(TAIL_LINES), this.log?.path),
      });
      const timer = this.options.clock.setTimeout(
        () => waiter.fail(new ConsoleTimeoutError(`console ${this.options.path}: ${what}`, options.timeoutMs, this.buffer.tail(TAIL_LINES), this.log?.path)),
        options.timeoutMs,
      );
      this.waiter = waiter;
      waiter.scan();
    });
  }

  /** Waits until nothing has been received for quietMs (at most maxMs, default 30 s: a chatty device is an error). */
  settle(quietMs: number, maxMs = 30_000): Promise<void> {
    const clock = this.options.clock;
    return new Promise<void>((resolve, reject) => {
      let quiet: TimerHandle | undefined;
      const onData = (): void => {
        quiet?.cancel();
        quiet = clock.setTimeout(done, quietMs);
      };
      const done = (): void => {
        limit.cancel();
        quiet?.cancel();
        this.dataListeners.delete(onData);
        resolve();
      };
      const limit = clock.setTimeout(() => {
        quiet?.cancel();
        this.dataListeners.delete(onData);
        reject(new ConsoleTimeoutError(`console ${this.options.path}: waiting for ${quietMs} ms of quiet`, maxMs, this.buffer.tail(TAIL_LINES), this.log?.path));
      }, maxMs);
      this.dataListeners.add(onData);
      onData();
    });
  }

  /** Starts appending every line to `file` (a per-scenario log); ends any previous log. */
  async startLog(file: string): Promise<void> {
    await this.stopLog();
    this.log = await ConsoleLogFile.open(file);
  }

  async stopLog(): Promise<void> {
    const log = this.log;
    this.log = undefined;
    if (log !== undefined) await log.close();
  }

  get logFile(): string | undefined {
    return this.log?.path;
  }

  /** Lines received and typed since the last call, for evidence. */
  takeLines(): ConsoleLine[] {
    const lines = this.evidence;
    if (this.evidenceDropped > 0 && lines[0] !== undefined) {
      lines.unshift({ time: lines[0].time, dir: 'rx', text: `[${this.evidenceDropped} earlier lines dropped]` });
    }
    this.evidence = [];
    this.evidenceDropped = 0;
    return lines;
  }

  /** The last lines received, for diagnostics. */
  tail(count = TAIL_LINES): string[] {
    return this.buffer.tail(count);
  }

  private receive(chunk: Buffer): void {
    for (const raw of this.splitter.push(chunk)) this.addLine(raw);
    this.buffer.setPartial(plainText(this.splitter.partial), this.options.clock.now());
    for (const listener of [...this.dataListeners]) listener();
    this.waiter?.scan();
  }

  private addLine(raw: string): void {
    const line = this.buffer.addLine(plainText(raw), this.options.clock.now());
    this.record({ time: line.time, dir: 'rx', text: line.text });
  }

  private record(line: ConsoleLine): void {
    this.log?.append(line);
    this.evidence.push(line);
    const max = this.options.evidenceLines ?? 20_000;
    if (this.evidence.length > max) {
      this.evidence.shift();
      this.evidenceDropped++;
    }
  }

  private requirePort(operation: string): SerialPortStream {
    if (this.port === undefined) throw new ConsoleClosedError(this.options.path, `${this.closedReason ?? 'not opened'} (${operation})`);
    return this.port;
  }
}

/** A copy without global/sticky flags, so exec() does not carry lastIndex between lines. */
function fresh(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
}

interface WaiterHooks {
  done(result: ExpectResult, end: Position): void;
  fail(err: Error): void;
  mismatch(pattern: RegExp, line: string): Error;
}

/** One pending expect(): scans unread lines as they arrive. */
class Waiter {
  private scannedSeq: number;
  private readonly found: (ExpectMatch & { end: Position })[] = [];
  private settled = false;

  constructor(
    private readonly buffer: ConsoleBuffer,
    private readonly patterns: readonly RegExp[],
    private readonly all: boolean,
    private readonly notMatching: readonly RegExp[],
    private readonly hooks: WaiterHooks,
  ) {
    this.scannedSeq = buffer.position.seq;
  }

  fail(err: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.hooks.fail(err);
  }

  scan(): void {
    for (const line of this.buffer.completeFrom(this.scannedSeq)) {
      this.scannedSeq = line.seq + 1;
      if (this.test(line)) return;
    }
    const partial = this.buffer.partial;
    if (partial !== undefined) this.test(partial);
  }

  /** Tests one line; true when the wait is over. */
  private test(line: StoredLine): boolean {
    if (this.settled) return true;
    const from = this.buffer.unreadOffset(line);
    const text = line.text.slice(from);
    for (const bad of this.notMatching) {
      if (bad.test(text)) {
        this.fail(this.hooks.mismatch(bad, line.text));
        return true;
      }
    }
    for (const [index, pattern] of this.patterns.entries()) {
      if (this.found[index] !== undefined) continue;
      const match = pattern.exec(text);
      if (match === null) continue;
      const end = { seq: line.seq, offset: from + match.index + match[0].length };
      this.found[index] = { index, pattern, line: line.text, match, time: line.time, end };
      if (!this.all) return this.finish(this.found[index]);
    }
    if (this.all && this.patterns.every((_, i) => this.found[i] !== undefined)) {
      const last = this.found.reduce((a, b) => (b.end.seq > a.end.seq || (b.end.seq === a.end.seq && b.end.offset > a.end.offset) ? b : a));
      return this.finish(last);
    }
    return false;
  }

  private finish(last: ExpectMatch & { end: Position }): boolean {
    this.settled = true;
    const strip = ({ end: _end, ...m }: ExpectMatch & { end: Position }): ExpectMatch => m;
    const matches = this.all ? this.found.map(strip) : [strip(last)];
    this.hooks.done({ ...strip(last), matches }, last.end);
    return true;
  }
}
