/**
 * The Disable procedure shared by the int-103 / int-555 scenarios: set a Disable Timeout the scenario can wait
 * out (put back afterwards), Exec /1/x/4, and note when the prohibition started.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import { jsonValue, readValue } from '../../common/read-value.ts';
import { markRegistrations, nextRegistrationMessage, type RegistrationMark, type RegistrationMessage } from '../../common/registration-messages.ts';
import { serverInstanceId, serverResourcePath, ServerRes } from '../../common/server-object.ts';
import { traceMark } from '../../common/wire.ts';
import { writeSetting } from './server-settings.ts';

/** Longest Disable Timeout a scenario waits out when the device will not take a shorter one. */
const MAX_WAITABLE_TIMEOUT_S = 20 * 60;

/** Slack on top of the Disable Timeout tolerance for the device's own work before it registers again. */
export const RETURN_SLACK_MS = 5000;

export interface DisableRun {
  path: string;
  /** Disable Timeout in force, in seconds. */
  timeoutS: number;
  execCode: string;
  /** Run-clock time the Exec was answered: the prohibition runs from here. */
  disabledAt: number;
  /** Registration messages after this mark came after the Disable. */
  mark: RegistrationMark;
  /** Trace entries with a larger id came after the Disable was sent. */
  traceMark: number;
}

/** Sets /1/x/5 to `timeoutS` (or uses the value the device keeps), then executes /1/x/4. */
export async function disableDevice(ctx: ScenarioContext, timeoutS: number): Promise<DisableRun> {
  const instanceId = serverInstanceId(ctx);
  const timeoutPath = serverResourcePath(ctx, ServerRes.DISABLE_TIMEOUT, instanceId);
  const written = await writeSetting(ctx, timeoutPath, timeoutS);
  let inForce = timeoutS;
  if (written.result.code !== '2.04') {
    const read = await readValue(ctx, timeoutPath);
    // The object's default Disable Timeout is one day.
    inForce = typeof read.value === 'number' ? read.value : 86400;
    ctx.note(`Write ${timeoutPath} = ${timeoutS} answered ${written.result.code}; the device keeps ${jsonValue(read.value)} (using ${inForce} s)`);
  }
  if (inForce > MAX_WAITABLE_TIMEOUT_S) ctx.inconclusive(`the Disable Timeout in force (${inForce} s) is longer than this scenario waits (${MAX_WAITABLE_TIMEOUT_S} s)`);
  const path = serverResourcePath(ctx, ServerRes.DISABLE, instanceId);
  const mark = markRegistrations(ctx);
  const before = traceMark(ctx);
  const exec = await ctx.server.execute(ctx.endpoint, path);
  return { path, timeoutS: inForce, execCode: exec.code, disabledAt: ctx.clock.now(), mark, traceMark: before };
}

/** Time from the Disable until the device must be back: the timeout, its tolerance and a little slack. */
export function returnDeadlineMs(ctx: ScenarioContext, run: DisableRun): number {
  return run.timeoutS * 1000 + ctx.tolerances.disableMs + RETURN_SLACK_MS;
}

/** The first Register (or Update) after the Disable, waiting until the return deadline; undefined when none. */
export function awaitReturn(ctx: ScenarioContext, run: DisableRun): Promise<RegistrationMessage | undefined> {
  const remaining = Math.max(0, run.disabledAt + returnDeadlineMs(ctx, run) - ctx.clock.now());
  return nextRegistrationMessage(ctx, run.mark, remaining);
}
