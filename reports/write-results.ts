/**
 * results.json on disk. The engine rewrites it after each scenario, so a write must never leave a half
 * file (atomic-write.ts): a run killed at any moment leaves either the previous or the new complete results.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { writeTextAtomically, writeTextAtomicallySync } from './atomic-write.ts';
import { ResultsFileError } from './errors.ts';
import { RunResultsSchema } from './results-schema.ts';
import type { RunResults } from './results-schema.ts';

export const RESULTS_FILE_NAME = 'results.json';

/** Validates and writes `dir/results.json` (or `fileName`) atomically; returns the file's path. */
export async function writeResultsAtomically(dir: string, results: RunResults, fileName = RESULTS_FILE_NAME): Promise<string> {
  const target = join(dir, fileName);
  const text = serializeResults(results, target);
  try {
    await writeTextAtomically(target, text);
  } catch (err) {
    throw new ResultsFileError(target, '', `cannot write: ${(err as Error).message}`, err);
  }
  return target;
}

/** The same for exit handlers, where only synchronous work runs. */
export function writeResultsAtomicallySync(dir: string, results: RunResults, fileName = RESULTS_FILE_NAME): string {
  const target = join(dir, fileName);
  const text = serializeResults(results, target);
  try {
    writeTextAtomicallySync(target, text);
  } catch (err) {
    throw new ResultsFileError(target, '', `cannot write: ${(err as Error).message}`, err);
  }
  return target;
}

/** Reads and validates a results file; errors name the file and the first bad field. */
export async function readResults(file: string): Promise<RunResults> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ResultsFileError(file, '', `cannot read: ${(err as Error).message}`, err);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ResultsFileError(file, '', `not JSON: ${(err as Error).message}`, err);
  }
  return parseResults(value, file);
}

/** Validates results already in memory; `source` names where they came from in the error. */
export function parseResults(value: unknown, source: string): RunResults {
  const parsed = RunResultsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ResultsFileError(source, issue ? formatIssuePath(issue.path) : '', issue?.message ?? 'invalid results');
}

/** ["scenarios", 3, "verdict"] -> "scenarios[3].verdict" */
export function formatIssuePath(path: z.core.$ZodIssue['path']): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text || '(top level)';
}

function serializeResults(results: RunResults, target: string): string {
  // Refuse to write what readResults would reject: the engine learns of its bug now, not at report time.
  parseResults(results, target);
  return `${JSON.stringify(results, null, 2)}\n`;
}

