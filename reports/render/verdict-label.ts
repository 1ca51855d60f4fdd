import type { ResultVerdict, ResultWarning } from '../results-schema.ts';

/** How a verdict reads in a report: a SHOULD deviation shows on a pass as "passed with warning". */
export function verdictLabel(verdict: ResultVerdict, warnings: readonly ResultWarning[] | undefined): string {
  const warned = (warnings?.length ?? 0) > 0;
  if (!warned) return verdict;
  return verdict === 'pass' ? 'passed with warning' : `${verdict} (with warning)`;
}

export function hasWarnings(item: { warnings?: readonly ResultWarning[] | undefined }): boolean {
  return (item.warnings?.length ?? 0) > 0;
}
