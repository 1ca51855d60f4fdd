/**
 * The pmin check shared by the scenarios that configure pmin at different levels: a value change made soon
 * after the Observe answer must be reported, with the new value, once pmin has passed since that answer:
 * not before (pmin holds it back) and not much after (the change is still reported).
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import type { DecodedNotification } from '../../../harness/lwm2m/server/information-reporting.ts';
import { parsePath } from '../../../harness/lwm2m/path.ts';
import type { RegistrationGuard } from './guard.ts';
import type { StartedObservation } from './observe.ts';
import { setValue } from './stimulus.ts';
import { earlySlackMs, lateSlackMs, sleepUntil } from './timing.ts';
import { numberAt, sameReading, summarize } from './values.ts';

/** The change comes this long after the Observe answer: well inside any pmin the scenarios write. */
export const CHANGE_AFTER_MS = 1000;

export interface HeldChange {
  /** Notifications that followed the change, up to pmin and its slack. */
  notifications: DecodedNotification[];
  /** When the held notification was due (the end of pmin). */
  dueAt: number;
}

export async function changeWithinPmin(
  ctx: ScenarioContext,
  observation: StartedObservation,
  guard: RegistrationGuard,
  options: { path: string; pminS: number; value: number; level: string },
): Promise<HeldChange> {
  const path = parsePath(options.path);
  const { handle, startedAt } = observation;
  await sleepUntil(ctx, startedAt + CHANGE_AFTER_MS);
  const changedAt = await setValue(ctx, options.path, options.value);
  const dueAt = startedAt + options.pminS * 1000;
  await sleepUntil(ctx, dueAt + lateSlackMs(ctx));
  guard.assertKept();
  ctx.exchangeSince(`value change ${CHANGE_AFTER_MS / 1000} s into a pmin of ${options.pminS} s (${options.level})`, changedAt);
  const after = handle.notifications.filter((n) => n.receivedAt >= changedAt);
  const first = after[0];
  const seen = after.map((n) => summarize(n, path, startedAt));
  const window = { notBeforeMs: dueAt - startedAt - earlySlackMs(ctx), notAfterMs: dueAt - startedAt + lateSlackMs(ctx) };
  ctx.check(
    `the change is notified once pmin (${options.pminS} s, ${options.level}) has passed, not before`,
    first !== undefined && first.receivedAt >= dueAt - earlySlackMs(ctx) && first.receivedAt <= dueAt + lateSlackMs(ctx),
    window,
    seen,
  );
  if (first !== undefined) {
    ctx.check('the notification carries the new value', sameReading(numberAt(first.entries, path), options.value), options.value, numberAt(first.entries, path) ?? first.decodeError ?? null);
  }
  return { notifications: after, dueAt };
}
