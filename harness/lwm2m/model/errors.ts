import { InputError } from '../../errors.ts';

/** A DDF file (or its XML) that cannot be turned into an ObjectDefinition. Names the file and the element. */
export class DdfError extends InputError {
  readonly file: string;
  readonly element: string;

  constructor(file: string, element: string, problem: string) {
    super(`${file}: ${element}: ${problem}`, { file, element });
    this.file = file;
    this.element = element;
  }
}
