/**
 * Where a scenario's trace and console log are on disk. The results name them relative to the run's output
 * directory (DESIGN §4); a path that leaves that directory is refused rather than followed.
 */
import { isAbsolute, join, normalize, sep } from 'node:path';
import type { ScenarioResult } from '../results-schema.ts';

export interface AllureAttachmentSources {
  /** Absolute path of the scenario's pcapng trace; undefined when it has none. */
  traceFile?: (scenario: ScenarioResult) => string | undefined;
  /** Absolute path of the DUT's console log for the scenario; undefined when there is none. */
  consoleLog?: (scenario: ScenarioResult) => string | undefined;
}

/** The sources for results read from a run's output directory (`traces/...`, `logs/...` inside it). */
export function attachmentsFromOutputDir(outputDir: string): AllureAttachmentSources {
  return {
    traceFile: (s) => insideDir(outputDir, s.trace ?? undefined),
    consoleLog: (s) => insideDir(outputDir, s.consoleLog),
  };
}

/** The path joined onto dir, or undefined when it is absent, absolute, or climbs out of dir. */
export function insideDir(dir: string, relative: string | undefined): string | undefined {
  if (!relative || isAbsolute(relative) || /^[a-z][a-z0-9+.-]*:/i.test(relative)) return undefined;
  const normal = normalize(relative);
  if (normal === '..' || normal.startsWith(`..${sep}`)) return undefined;
  return join(dir, normal);
}
