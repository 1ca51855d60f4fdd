import { InputError } from '../../harness/errors.ts';

/** One problem in a profile, located in its file. */
export interface ProfileIssue {
  file: string;
  /** 1-based line of the offending key or value (of the nearest enclosing key when the field is missing). */
  line: number;
  column: number;
  /** Dotted field path, e.g. "power.channel" or "process.argv[1]"; "" for the document itself. */
  field: string;
  /** What is wrong, without the location, e.g. 'expected a number 1..8, got "two"'. */
  message: string;
}

/** A profile that cannot be used. The message has one line per issue: `file:line: field: message`. */
export class ProfileError extends InputError {
  readonly file: string;
  readonly issues: readonly ProfileIssue[];

  constructor(file: string, issues: readonly ProfileIssue[]) {
    super(issues.map(formatIssue).join('\n'), { file, issues: issues.map((i) => ({ line: i.line, field: i.field, message: i.message })) });
    this.file = file;
    this.issues = issues;
  }
}

export function formatIssue(issue: ProfileIssue): string {
  return issue.field === '' ? `${issue.file}:${issue.line}: ${issue.message}` : `${issue.file}:${issue.line}: ${issue.field}: ${issue.message}`;
}
