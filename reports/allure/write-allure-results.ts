/**
 * Writes a run as an Allure 2 results directory: one `<uuid>-result.json` per scenario with labels, status,
 * steps and attachments (`<uuid>-attachment.*`), plus environment.properties, categories.json and
 * executor.json. `allure generate` (build-allure-report.ts) turns it into the HTML report.
 *
 * File names are derived from the run and scenario ids, so writing the same run again replaces its files.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Stage } from 'allure-js-commons';
import type { Attachment, TestResult } from 'allure-js-commons';
import type { ExecutorInfo } from 'allure-js-commons/sdk';
import { FileSystemWriter } from 'allure-js-commons/sdk/reporter';
import { writeTextAtomically } from '../atomic-write.ts';
import { visibleControls } from '../render/escape.ts';
import { evidenceText } from '../render/evidence-text.ts';
import type { RequirementResult, RunResults, ScenarioResult } from '../results-schema.ts';
import type { AllureAttachmentSources } from './allure-attachments.ts';
import { CATEGORIES, defaultExecutor, environmentInfo } from './allure-environment.ts';
import { scenarioLabels } from './allure-labels.ts';
import { STATUS_BY_VERDICT, statusDetails } from './allure-status.ts';
import { evidenceSteps } from './allure-steps.ts';
import { descriptionHtml, descriptionText, evidenceAttachmentText, scenarioFacts } from './scenario-description.ts';
import { scenarioHistoryId, stableUuid } from './stable-uuid.ts';

export type { AllureAttachmentSources } from './allure-attachments.ts';

/** Content type Allure (and a browser download) associates with capture files; pcapng is what we write. */
export const PCAP_CONTENT_TYPE = 'application/vnd.tcpdump.pcap';

export interface WriteAllureOptions {
  /** executor.json contents; defaults to lwm2m-hil with the run id as build name. `null` writes none. */
  executor?: ExecutorInfo | null;
  /** Remove earlier Allure result files from `dir` first (history/ is kept). */
  clean?: boolean;
}

export interface AllureResultsWritten {
  dir: string;
  /** Paths of the `<uuid>-result.json` files, in scenario order. */
  resultFiles: string[];
  attachments: number;
  /** Attachments the sources named but that were not on disk (noted in each scenario's description too). */
  missing: Array<{ scenario: string; what: 'trace' | 'console log'; file: string }>;
}

export async function writeAllureResults(
  dir: string,
  results: RunResults,
  attachments: AllureAttachmentSources = {},
  options: WriteAllureOptions = {},
): Promise<AllureResultsWritten> {
  await mkdir(dir, { recursive: true });
  if (options.clean) await removeAllureResultFiles(dir);
  const writer = new FileSystemWriter({ resultsDir: dir });
  const requirements = new Map(results.requirements.map((r) => [r.id, r]));
  const written: AllureResultsWritten = { dir, resultFiles: [], attachments: 0, missing: [] };

  // Scenarios carry a duration but no start time: lay them end to end from the run's start, in run order.
  // Under the virtual clock these are virtual durations, so the timeline shows run-clock time, not wall time.
  let start = Date.parse(results.run.startedAt);
  for (const scenario of results.scenarios) {
    const result = scenarioResult(scenario, requirements, results, start, attachments, writer, written);
    writer.writeResult(result);
    written.resultFiles.push(join(dir, `${result.uuid}-result.json`));
    start += scenario.durationMs;
  }

  writer.writeEnvironmentInfo(environmentInfo(results));
  writer.writeCategoriesDefinitions([...CATEGORIES]);
  const executor = options.executor === undefined ? defaultExecutor(results) : options.executor;
  if (executor) await writeTextAtomically(join(dir, 'executor.json'), `${JSON.stringify(executor, null, 2)}\n`);
  return written;
}

function scenarioResult(
  scenario: ScenarioResult,
  requirements: ReadonlyMap<string, RequirementResult>,
  results: RunResults,
  start: number,
  sources: AllureAttachmentSources,
  writer: FileSystemWriter,
  written: AllureResultsWritten,
): TestResult {
  const uuid = stableUuid(results.run.id, scenario.id);
  const notes: string[] = [];
  const files: Attachment[] = [];

  const copy = (what: 'trace' | 'console log', file: string | undefined, type: string, extension: string): void => {
    if (!file) return;
    if (!isFile(file)) {
      written.missing.push({ scenario: scenario.id, what, file });
      notes.push(`the ${what} ${basename(file)} was not found when these results were written`);
      return;
    }
    const source = `${stableUuid(uuid, what)}-attachment.${extension}`;
    writer.writeAttachmentFromPath(source, file);
    files.push({ name: `${what}: ${basename(file)}`, type, source });
  };
  copy('trace', sources.traceFile?.(scenario), PCAP_CONTENT_TYPE, 'pcapng');
  copy('console log', sources.consoleLog?.(scenario), 'text/plain', 'txt');

  const facts = scenarioFacts(scenario, requirements, notes);
  const evidenceSource = `${stableUuid(uuid, 'evidence')}-attachment.txt`;
  writer.writeAttachment(evidenceSource, Buffer.from(visibleControls(evidenceAttachmentText(facts, scenario)), 'utf8'));
  files.unshift({ name: 'evidence', type: 'text/plain', source: evidenceSource });
  written.attachments += files.length;

  const historyId = scenarioHistoryId(scenario.id);
  // The status trace shows the failed checks, or all evidence when no check failed (error, inconclusive).
  const failed = evidenceText(scenario.evidence.filter((e) => e.kind === 'expectation' && !e.ok));
  const trace = failed.length > 0 ? failed : evidenceText(scenario.evidence);
  return {
    uuid,
    name: visibleControls(scenario.title),
    fullName: scenario.id,
    historyId,
    testCaseId: historyId,
    titlePath: scenario.id.split('/'),
    status: STATUS_BY_VERDICT[scenario.verdict],
    statusDetails: statusDetails(scenario, trace.length > 0 ? visibleControls(trace.join('\n')) : undefined),
    stage: Stage.FINISHED,
    description: visibleControls(descriptionText(facts)),
    descriptionHtml: descriptionHtml(facts),
    steps: evidenceSteps(scenario.evidence),
    attachments: files,
    parameters: [],
    labels: scenarioLabels(scenario, requirements, results.run),
    links: [],
    start,
    stop: start + scenario.durationMs,
  };
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

const ALLURE_RESULT_FILE = /^(?:[0-9a-f-]+-(?:result|container)\.json|[0-9a-f-]+-attachment(?:\..*)?|environment\.properties|categories\.json|executor\.json)$/i;

/** Only files Allure's results format defines: a results dir pointed at the wrong folder loses nothing else. */
async function removeAllureResultFiles(dir: string): Promise<void> {
  const names = await readdir(dir);
  await Promise.all(names.filter((n) => ALLURE_RESULT_FILE.test(n)).map((n) => rm(join(dir, n), { force: true })));
}
