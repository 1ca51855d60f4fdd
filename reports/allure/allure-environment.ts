/**
 * The run-wide files of an Allure results directory: environment.properties (what was tested, how to
 * reproduce it), categories.json (DUT faults apart from lab faults, DESIGN §3.9) and executor.json (what
 * Allure shows as the build and uses to order history trend entries).
 */
import { Status } from 'allure-js-commons';
import type { Category, ExecutorInfo } from 'allure-js-commons/sdk';
import type { RunResults } from '../results-schema.ts';

export function environmentInfo(results: RunResults): Record<string, string> {
  const { run } = results;
  const info: Record<string, string> = {
    Device: run.device.name,
    'Device kind': run.device.kind,
    Endpoint: run.device.endpoint,
    Firmware: run.device.firmwareVersion ?? 'not reported',
  };
  if (run.device.fault) info['Fault profile'] = run.device.fault;
  info.Seed = String(run.seed);
  info.Clock = run.clock;
  info['Harness version'] = run.version;
  info.Run = run.id;
  if (run.shard) info.Shard = `${run.shard.index}/${run.shard.count}`;
  if (run.mergedFrom) info['Merged from'] = run.mergedFrom.join(', ');
  info.Started = run.startedAt;
  info.Finished = run.finishedAt ?? 'not finished: partial results';
  return info;
}

// Allure matches messageRegex against the whole status message; the message starts with the verdict
// (allure-status.ts), and (?s) lets the rest span the lines of warnings.
export const CATEGORIES: readonly Category[] = [
  {
    name: 'Device non-conformance',
    description: 'The device did something the LwM2M specification does not allow (verdict fail).',
    matchedStatuses: [Status.FAILED],
  },
  {
    name: 'Lab or harness failure',
    description: 'The harness or the lab equipment failed (verdict error): not evidence against the device.',
    matchedStatuses: [Status.BROKEN],
  },
  {
    name: 'Not reached',
    description: 'The scenario could not reach its check (verdict inconclusive), e.g. a missing stimulus.',
    matchedStatuses: [Status.SKIPPED],
    messageRegex: '(?s)inconclusive.*',
  },
  {
    name: 'Not supported by the device',
    description: 'The device profile declares the feature absent (verdict not-supported).',
    matchedStatuses: [Status.SKIPPED],
    messageRegex: '(?s)not-supported.*',
  },
  {
    name: 'Not applicable to LwM2M 1.0',
    description: 'The requirement is for future study in release 1.0 (verdict not-applicable).',
    matchedStatuses: [Status.SKIPPED],
    messageRegex: '(?s)not-applicable.*',
  },
  {
    name: 'Passed with warning',
    description: 'The device deviates from a SHOULD of the specification: shown, but not a failure.',
    matchedStatuses: [Status.PASSED],
    messageRegex: '(?s)passed with warning.*',
  },
];

/** executor.json: a CI job may pass its build number and URLs so history entries link back to their build. */
export function defaultExecutor(results: RunResults): ExecutorInfo {
  return {
    name: 'lwm2m-hil',
    type: 'lwm2m-hil',
    buildName: results.run.id,
    reportName: `LwM2M 1.0 conformance: ${results.run.device.name}`,
  };
}
