/**
 * A sequence of value changes and, for each, whether the configured conditions (gt, lt, st) call for a
 * notification. Changes are spaced so that each one's notification (if any) arrives before the next change;
 * every notification is then judged by its value, so a late device is not mistaken for a chatty one.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import { parsePath } from '../../../harness/lwm2m/path.ts';
import type { RegistrationGuard } from './guard.ts';
import type { StartedObservation } from './observe.ts';
import { setValue } from './stimulus.ts';
import { lateSlackMs, sleepUntil } from './timing.ts';
import { numberAt, sameReading } from './values.ts';

export interface Step {
  value: number;
  notify: boolean;
  /** Why (not): "crosses gt upward", "moves 1.0, less than st". */
  why: string;
}

/** Extra spacing between changes on top of the late slack. */
const STEP_GAP_MS = 2000;

export async function runSteps(ctx: ScenarioContext, observation: StartedObservation, guard: RegistrationGuard, path: string, steps: readonly Step[]): Promise<void> {
  const resource = parsePath(path);
  const spacing = lateSlackMs(ctx) + STEP_GAP_MS;
  const starts: number[] = [];
  for (const step of steps) {
    starts.push(await setValue(ctx, path, step.value));
    await sleepUntil(ctx, ctx.clock.now() + spacing);
  }
  guard.assertKept();
  const first = starts[0] ?? ctx.clock.now();
  ctx.exchangeSince(`${steps.length} value changes of ${path}`, first);
  const { handle } = observation;
  steps.forEach((step, i) => {
    const from = starts[i] as number;
    const to = starts[i + 1] ?? ctx.clock.now();
    const got = handle.notifications.filter((n) => n.receivedAt >= from && n.receivedAt < to).map((n) => numberAt(n.entries, resource) ?? n.decodeError ?? n.code);
    const expected = step.notify ? [step.value] : [];
    const ok = got.length === expected.length && got.every((v, k) => typeof v === 'number' && sameReading(v, expected[k] as number));
    ctx.check(`set ${step.value} (${step.why}): ${step.notify ? 'notified with that value' : 'no notification'}`, ok, expected, got);
  });
}
