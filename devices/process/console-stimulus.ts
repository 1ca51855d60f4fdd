import type { Stimulus, StimulusResult } from '../../harness/engine/device.ts';
import { compilePattern } from '../profile/pattern.ts';
import type { StimuliConfig } from '../profile/schema.ts';
import { expandTemplate } from '../profile/template.ts';
import type { LineWait } from './output-lines.ts';

/** How a console stimulus reaches a device: type a line, watch the output. */
export interface ConsoleIo {
  write(line: string): Promise<void>;
  waitFor(want: RegExp, options: { timeoutMs: number; fail?: readonly RegExp[] }): Promise<LineWait>;
}

/** Without an `expect`, a command with `fail` patterns is watched this long for an error line. */
const FAIL_WATCH_MS = 500;
const NEVER = /(?!)/;

/**
 * Types the profile's console command for a stimulus (DESIGN §5 "Stimulus") and checks its output:
 * `expect` must appear within timeoutMs, a `fail` line means it did not work. No command in the profile:
 * not applied, so the scenario is inconclusive rather than passed.
 */
export async function applyConsoleStimulus(stimuli: StimuliConfig, stimulus: Stimulus, io: ConsoleIo): Promise<StimulusResult> {
  const config = stimuli[stimulus.kind];
  if (config === undefined) return { applied: false, reason: `the device profile has no stimuli.${stimulus.kind} console command` };
  const line = expandTemplate(config.command, templateValues(stimulus), `stimuli.${stimulus.kind}.command`);
  const fail = (config.fail ?? []).map(compilePattern);
  const want = config.expect !== undefined ? compilePattern(config.expect) : undefined;
  // Start watching before typing, so a fast answer is not missed.
  const watch = want !== undefined || fail.length > 0 ? io.waitFor(want ?? NEVER, { timeoutMs: want ? config.timeoutMs : Math.min(FAIL_WATCH_MS, config.timeoutMs), fail }) : undefined;
  try {
    await io.write(line);
  } catch (err) {
    return { applied: false, reason: `cannot type '${line}' on the device console: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!watch) return { applied: true };
  const result = await watch;
  switch (result.kind) {
    case 'match':
      return { applied: true };
    case 'failed':
      return { applied: false, reason: `the device answered '${result.line}' to '${line}'` };
    case 'ended':
      return { applied: false, reason: `the device console ended after '${line}'` };
    case 'timeout':
      return want ? { applied: false, reason: `no line matching ${want} within ${config.timeoutMs} ms after '${line}'` } : { applied: true };
  }
}

function templateValues(stimulus: Stimulus): Record<string, string | number | undefined> {
  switch (stimulus.kind) {
    case 'set-value':
      return { path: stimulus.path, value: stimulus.value };
    case 'raise-error':
      return { code: stimulus.code };
    default:
      return {};
  }
}
