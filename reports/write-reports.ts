/**
 * Writes every report of a run into its output directory: results.json, matrix.md, matrix.html, junit.xml.
 * The engine calls it at the end of a run (and may call it after each scenario: each file is replaced
 * whole); `report merge` calls it for the merged result.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeTextAtomically } from './atomic-write.ts';
import { ResultsFileError } from './errors.ts';
import { renderJunit } from './junit.ts';
import { renderMatrixHtml } from './matrix-html.ts';
import { renderMatrixMarkdown } from './matrix-markdown.ts';
import type { RunResults } from './results-schema.ts';
import { writeResultsAtomically } from './write-results.ts';

export const REPORT_FILES = {
  results: 'results.json',
  markdown: 'matrix.md',
  html: 'matrix.html',
  junit: 'junit.xml',
} as const;

/** Writes the four files into `dir` (created if missing); returns their paths. */
export async function writeReports(dir: string, results: RunResults): Promise<Record<keyof typeof REPORT_FILES, string>> {
  await mkdir(dir, { recursive: true });
  // results.json first: it validates, so a bad result writes nothing else.
  const resultsPath = await writeResultsAtomically(dir, results, REPORT_FILES.results);
  const rendered: Array<[keyof typeof REPORT_FILES, string]> = [
    ['markdown', renderMatrixMarkdown(results)],
    ['html', renderMatrixHtml(results)],
    ['junit', renderJunit(results)],
  ];
  const paths = { results: resultsPath, markdown: '', html: '', junit: '' };
  for (const [key, text] of rendered) {
    const path = join(dir, REPORT_FILES[key]);
    try {
      await writeTextAtomically(path, text);
    } catch (err) {
      throw new ResultsFileError(path, '', `cannot write: ${(err as Error).message}`, err);
    }
    paths[key] = path;
  }
  return paths;
}
