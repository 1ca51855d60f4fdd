import { HarnessError } from '../../harness/errors.ts';

/**
 * A fault of the lab, not of the device: a serial port that does not exist or is busy, a relay that does not
 * answer, a power or flash command that exits non-zero. DESIGN §3.9 turns these into `error`, never `fail`.
 */
export class LabError extends HarnessError {
  constructor(message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { origin: 'lab', context, cause });
  }
}

/** The last `count` lines of a text, for error messages that must stay short. */
export function tailLines(text: string, count: number): string[] {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.slice(-count);
}
