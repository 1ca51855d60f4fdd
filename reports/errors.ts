import { HarnessError } from '../harness/errors.ts';

/** A results file that cannot be read or does not match `lwm2m-hil/results@1`. */
export class ResultsFileError extends HarnessError {
  readonly file: string;
  /** The first bad field as a path, e.g. "scenarios[3].verdict"; empty when the file is not JSON at all. */
  readonly field: string;

  constructor(file: string, field: string, problem: string, cause?: unknown) {
    super(`${file}: ${field ? `${field}: ` : ''}${problem}`, { origin: 'usage', context: { file, field }, cause });
    this.file = file;
    this.field = field;
  }
}

/** Results that cannot be merged: shards of different runs, or one scenario with two verdicts. */
export class ResultsMergeError extends HarnessError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, { origin: 'usage', context });
  }
}
