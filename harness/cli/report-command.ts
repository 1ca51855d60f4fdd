/**
 * `lwm2m-hil report merge DIR... --out DIR`, `report diff OLD NEW`, `report allure DIR [--history PREV_REPORT]`
 * (DESIGN §4). merge: shards of one run into one result with every report; diff: new failures, fixes and
 * changed verdicts (exit 1 when there are new failures, for a CI gate); allure: Allure results and HTML.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { attachmentsFromOutputDir, buildAllureReport, writeAllureResults } from '../../reports/allure/index.ts';
import { diffResults, hasNewFailures, renderDiffText } from '../../reports/diff.ts';
import { mergeResults } from '../../reports/merge.ts';
import { readResults } from '../../reports/write-results.ts';
import { writeReports } from '../../reports/write-reports.ts';
import { parseOptions } from './args.ts';
import { UsageError, type Command } from './usage.ts';

const USAGE = 'report merge DIR... --out DIR | report diff OLD NEW | report allure DIR [--history PREVIOUS_REPORT_DIR]';

export const reportCommand: Command = {
  name: 'report',
  usage: USAGE,
  summary: 'merge shard results, diff two runs, or build the Allure report of a run',
  async run(argv) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'merge':
        return merge(rest);
      case 'diff':
        return diff(rest);
      case 'allure':
        return allure(rest);
      default:
        throw new UsageError(sub === undefined ? 'missing subcommand (merge, diff or allure)' : `unknown subcommand '${sub}'`);
    }
  },
};

/** A run directory or a results.json file. */
function resultsFile(path: string): string {
  const full = resolve(path);
  if (existsSync(full) && statSync(full).isDirectory()) return join(full, 'results.json');
  return full;
}

async function merge(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, { out: { type: 'string' } });
  if (!values.out) throw new UsageError('report merge needs --out DIR');
  if (positionals.length === 0) throw new UsageError('report merge needs at least one result directory');
  const parts = await Promise.all(positionals.map((p) => readResults(resultsFile(p))));
  const merged = mergeResults(parts);
  const out = resolve(values.out);
  await writeReports(out, merged);
  process.stdout.write(`merged ${parts.length} result${parts.length === 1 ? '' : 's'} into ${out}/results.json\n`);
  return 0;
}

async function diff(argv: string[]): Promise<number> {
  const { positionals } = parseOptions(argv, {});
  if (positionals.length !== 2) throw new UsageError('report diff needs OLD and NEW (run directories or results.json files)');
  const [oldPath, newPath] = positionals as [string, string];
  const result = diffResults(await readResults(resultsFile(oldPath)), await readResults(resultsFile(newPath)));
  process.stdout.write(renderDiffText(result));
  return hasNewFailures(result) ? 1 : 0;
}

async function allure(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, { history: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('report allure needs one run directory');
  const dir = resolve(positionals[0] as string);
  const results = await readResults(join(dir, 'results.json'));
  const resultsDir = join(dir, 'allure-results');
  await writeAllureResults(resultsDir, results, attachmentsFromOutputDir(dir), { clean: true });
  const built = await buildAllureReport(resultsDir, join(dir, 'allure-report'), values.history ? { historyFrom: resolve(values.history) } : {});
  process.stdout.write(`allure report: ${built.indexHtml}\n`);
  return 0;
}
