/** The reports' public surface: the result model, its files, the renderers, merge and diff. */
export {
  RESULTS_SCHEMA_ID,
  RESULT_VERDICTS,
  RunResultsSchema,
  EvidenceSchema,
  RequirementResultSchema,
  ScenarioResultSchema,
} from './results-schema.ts';
export type {
  RunResults,
  RunInfo,
  DeviceInfo,
  RequirementResult,
  ScenarioResult,
  EvidenceEntry,
  ExchangeMessage,
  ResultWarning,
  ResultVerdict,
  Summary,
} from './results-schema.ts';
export { ResultsFileError, ResultsMergeError } from './errors.ts';
export { readResults, parseResults, writeResultsAtomically, writeResultsAtomicallySync, RESULTS_FILE_NAME } from './write-results.ts';
export { writeReports, REPORT_FILES } from './write-reports.ts';
export { renderMatrixMarkdown } from './matrix-markdown.ts';
export { renderMatrixHtml } from './matrix-html.ts';
export { renderJunit } from './junit.ts';
export { mergeResults } from './merge.ts';
export { diffResults, hasNewFailures, renderDiffText } from './diff.ts';
export type { ResultsDiff, ItemDiff, VerdictChange } from './diff.ts';
export { recomputeRequirement, scenariosVerifying } from './requirement-verdict.ts';
export { countVerdicts, summaries, formatSummary, emptySummary } from './summary.ts';
export { groupRequirements, requirementGroup, compareRequirementIds } from './requirement-groups.ts';
