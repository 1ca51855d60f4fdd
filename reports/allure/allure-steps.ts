/**
 * Evidence as Allure steps: each expectation is a step with its own status and the expected and observed
 * values as parameters; an exchange is a step with one sub-step per datagram; console lines, lab events and
 * notes are informational steps. Text from the device has its control characters made visible.
 */
import { Stage, Status } from 'allure-js-commons';
import type { Parameter, StepResult } from 'allure-js-commons';
import { formatMessage, formatSeconds, formatValue } from '../render/evidence-text.ts';
import { visibleControls } from '../render/escape.ts';
import type { EvidenceEntry } from '../results-schema.ts';

/** Sub-steps per exchange or console block: the same bound as the HTML sequence chart; the rest is in the trace. */
export const MAX_SUB_STEPS = 200;

export function evidenceSteps(evidence: readonly EvidenceEntry[]): StepResult[] {
  return evidence.map(stepOf);
}

function stepOf(entry: EvidenceEntry): StepResult {
  switch (entry.kind) {
    case 'expectation': {
      const expected = formatValue(entry.expected);
      const observed = formatValue(entry.observed);
      const step = makeStep(entry.what ?? 'expectation', entry.ok ? Status.PASSED : Status.FAILED, [
        parameter('expected', expected),
        parameter('observed', observed),
      ]);
      if (!entry.ok) {
        step.statusDetails = { message: visibleControls(`expected ${expected}, observed ${observed}`), expected, actual: observed };
      }
      return step;
    }
    case 'exchange': {
      const messages = entry.messages ?? [];
      const origin = messages[0]?.t ?? 0;
      const params = entry.traceIds.length > 0 ? [parameter('trace entries', entry.traceIds.join(', '))] : [];
      const step = makeStep(`exchange: ${entry.summary}`, Status.PASSED, params);
      step.steps = bounded(messages.map((m) => formatMessage(m, origin)), 'messages');
      return step;
    }
    case 'console': {
      const step = makeStep(`console: ${entry.lines.length} line${entry.lines.length === 1 ? '' : 's'}`, Status.PASSED);
      step.steps = bounded(entry.lines.map((line) => `| ${line}`), 'lines');
      return step;
    }
    case 'power':
    case 'shaping': {
      const step = makeStep(`${entry.kind}: ${entry.events.length} event${entry.events.length === 1 ? '' : 's'}`, Status.PASSED);
      step.steps = bounded(
        entry.events.map((e) => `${formatSeconds(e.time)}: ${e.event}${e.detail ? ` (${e.detail})` : ''}`),
        'events',
      );
      return step;
    }
    case 'note':
      return makeStep(`note: ${entry.text}`, Status.PASSED);
  }
}

function bounded(names: readonly string[], what: string): StepResult[] {
  const steps = names.slice(0, MAX_SUB_STEPS).map((name) => makeStep(name, Status.PASSED));
  const cut = names.length - steps.length;
  if (cut > 0) steps.push(makeStep(`${cut} more ${what} not listed: see the attachments`, Status.PASSED));
  return steps;
}

function parameter(name: string, value: string): Parameter {
  return { name, value: visibleControls(value) };
}

function makeStep(name: string, status: Status, parameters: Parameter[] = []): StepResult {
  return {
    name: visibleControls(name),
    status,
    statusDetails: {},
    stage: Stage.FINISHED,
    steps: [],
    attachments: [],
    parameters,
  };
}
