/**
 * Turns an Allure results directory into the HTML report with the bundled Allure command line
 * (`allure generate RESULTS -o REPORT --clean`). Trends need the previous report's history/: it is copied
 * into the results first, which is how Allure 2 carries history from build to build.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { AllureGenerateError, AllureResultsError } from './allure-errors.ts';
import { findAllureCli, requireJava } from './find-allure-tools.ts';

export const DEFAULT_ALLURE_TIMEOUT_MS = 180_000;
/** How much of the command's output an error carries. */
const OUTPUT_TAIL_CHARS = 4000;

export interface BuildAllureOptions {
  /** A previous Allure HTML report directory; its history/ feeds the trend charts. Absent or without history: no trend. */
  historyFrom?: string;
  /** Kill `allure generate` after this long. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface AllureReportBuilt {
  reportDir: string;
  indexHtml: string;
  /** True when a previous report's history was carried into this one. */
  historyCopied: boolean;
}

export async function buildAllureReport(resultsDir: string, reportDir: string, options: BuildAllureOptions = {}): Promise<AllureReportBuilt> {
  const env = options.env ?? process.env;
  const results = resolve(resultsDir);
  const report = resolve(reportDir);
  if (!existsSync(results) || !statSync(results).isDirectory()) {
    throw new AllureResultsError(`no Allure results directory at ${resultsDir}`, { resultsDir });
  }
  // --clean empties the report directory: it must not hold the results.
  if (isWithin(results, report)) {
    throw new AllureResultsError(`the report directory ${reportDir} contains the results ${resultsDir}; --clean would delete them`, {
      resultsDir,
      reportDir,
    });
  }
  const cli = findAllureCli();
  requireJava(env);

  // Copy before generating: reportDir may be the previous report itself (rebuild in place), which --clean empties.
  const historyCopied = options.historyFrom ? await copyHistory(options.historyFrom, results) : false;
  await runAllure(cli, ['generate', results, '-o', report, '--clean'], options.timeoutMs ?? DEFAULT_ALLURE_TIMEOUT_MS, env);

  const indexHtml = join(report, 'index.html');
  if (!existsSync(indexHtml)) throw new AllureGenerateError(`finished but wrote no ${indexHtml}`, { reportDir });
  return { reportDir: report, indexHtml, historyCopied };
}

async function copyHistory(previousReport: string, resultsDir: string): Promise<boolean> {
  const from = join(previousReport, 'history');
  if (!existsSync(from) || !statSync(from).isDirectory()) return false;
  const to = join(resultsDir, 'history');
  await rm(to, { recursive: true, force: true });
  await cp(from, to, { recursive: true });
  return true;
}

function runAllure(cli: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    execFile(cli, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return done();
      const output = `${stdout}${stderr}`.slice(-OUTPUT_TAIL_CHARS);
      const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: number | string | null; signal?: string | null };
      const why = e.killed
        ? `no result within ${timeoutMs} ms (killed)`
        : `exited with ${e.code ?? e.signal ?? 'an error'}${e.code === 'ENOENT' || e.code === 'EACCES' ? ` (cannot run ${cli})` : ''}`;
      fail(new AllureGenerateError(why, { cli, args, output, timeoutMs }));
    });
  });
}

/** True when `inner` is `outer` or lies inside it. */
function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
