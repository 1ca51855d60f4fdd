import type { Readable } from 'node:stream';

/** Where a command reads its console and writes its lines (the process's stdio, or a test's streams). */
export interface CliIo {
  stdin: Readable;
  out(line: string): void;
  err(line: string): void;
}

export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
  };
}
