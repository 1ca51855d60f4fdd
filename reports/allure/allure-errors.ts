import { HarnessError } from '../../harness/errors.ts';

/** Something the Allure HTML report needs is not installed: Java or the bundled Allure command line. */
export class AllureToolMissingError extends HarnessError {
  readonly tool: 'java' | 'allure-commandline';

  constructor(tool: 'java' | 'allure-commandline', hint: string, context: Record<string, unknown> = {}) {
    super(`cannot build the Allure report: ${tool} is missing (${hint})`, { origin: 'lab', context: { ...context, tool } });
    this.tool = tool;
  }
}

/** The Allure command line ran but did not produce a report (non-zero exit, timeout, no index.html). */
export class AllureGenerateError extends HarnessError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(`allure generate: ${message}`, { origin: 'harness', context });
  }
}

/** An attachment named by the results cannot be used (path outside the output directory). */
export class AllureResultsError extends HarnessError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, { origin: 'usage', context });
  }
}
