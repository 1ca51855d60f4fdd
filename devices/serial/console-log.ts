import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One console line with the run clock's time: received from the device (rx) or typed by the harness (tx). */
export interface ConsoleLine {
  time: number;
  dir: 'rx' | 'tx';
  text: string;
}

/** "2025-01-01T00:00:01.250Z < text" (rx) or "... > text" (tx): the log file and evidence format. */
export function formatConsoleLine(line: ConsoleLine): string {
  return `${new Date(line.time).toISOString()} ${line.dir === 'rx' ? '<' : '>'} ${line.text}`;
}

/** A per-scenario console log file, appended line by line. */
export class ConsoleLogFile {
  private constructor(
    readonly path: string,
    private readonly stream: WriteStream,
  ) {}

  static async open(path: string): Promise<ConsoleLogFile> {
    await mkdir(dirname(path), { recursive: true });
    const stream = createWriteStream(path, { flags: 'a' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return new ConsoleLogFile(path, stream);
  }

  append(line: ConsoleLine): void {
    this.stream.write(`${formatConsoleLine(line)}\n`);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.stream.end(() => resolve()));
  }
}
