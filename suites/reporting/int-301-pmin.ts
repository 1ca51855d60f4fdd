/**
 * LightweightM2M-1.0-int-301, event-triggered reporting with pmin (int-660 follows the same procedure).
 * Write-Attributes /3303/0/5700?pmin=10&pmax=3600, Observe /3303/0/5700, then change the sensor by stimulus.
 * Pass when, on the wire:
 * - a change made 1 s after the Observe answer is notified with the new value once pmin (10 s) has passed
 *   since that answer: not earlier (pmin holds it back) and not much later (the event is still reported);
 * - a change made when pmin has passed since the last notification is notified at once with the new value.
 * pmax=3600 keeps periodic notifications (and a server default pmax) out of the window.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { parsePath } from '../../harness/lwm2m/path.ts';
import { configureAttributes } from './helpers/attributes.ts';
import { guardRegistration } from './helpers/guard.ts';
import { startObservation } from './helpers/observe.ts';
import { changeWithinPmin } from './helpers/pmin-hold.ts';
import { setValue } from './helpers/stimulus.ts';
import { lateSlackMs, sleepUntil } from './helpers/timing.ts';
import { numberAt, reading, requireNumber, sameReading, summarize } from './helpers/values.ts';
import { HLF_020, HLF_022, SENSOR_VALUE, TEMPERATURE } from './ids.ts';

const PMIN_S = 10;

export const int301Pmin = defineScenario({
  id: 'LightweightM2M-1.0-int-301-pmin',
  title: 'A value change is notified, held back until pmin has passed',
  suite: 'reporting',
  verifies: [HLF_020, HLF_022],
  ets: ['LightweightM2M-1.0-int-301', 'LightweightM2M-1.0-int-660'],
  precondition: 'registered',
  requires: { objects: [TEMPERATURE] },
  timeoutMs: 5 * 60_000,
  async run(ctx) {
    const path = parsePath(SENSOR_VALUE);
    const guard = guardRegistration(ctx);
    await configureAttributes(ctx, SENSOR_VALUE, { pmin: PMIN_S, pmax: 3600 });
    const observation = await startObservation(ctx, SENSOR_VALUE);
    const initial = requireNumber(ctx, 'the Observe answer carries the sensor value', observation.handle.first.entries, path, observation.handle.first.decodeError);

    const held = await changeWithinPmin(ctx, observation, guard, { path: SENSOR_VALUE, pminS: PMIN_S, value: reading(initial + 5), level: 'resource level' });
    ctx.check(
      'one change gives one notification',
      held.notifications.length === 1,
      1,
      held.notifications.map((n) => summarize(n, path, observation.startedAt)),
    );

    // pmin has passed since the last notification: the next change must go out at once.
    const last = held.notifications[held.notifications.length - 1]?.receivedAt ?? held.dueAt;
    await sleepUntil(ctx, last + PMIN_S * 1000 + 2000);
    const value = reading(initial + 7.5);
    const changedAt = await setValue(ctx, SENSOR_VALUE, value);
    await sleepUntil(ctx, changedAt + lateSlackMs(ctx));
    guard.assertKept();
    ctx.exchangeSince('value change after pmin has passed', changedAt);
    const next = observation.handle.notifications.find((n) => n.receivedAt >= changedAt);
    ctx.check(
      'a change after pmin is notified at once',
      next !== undefined && next.receivedAt <= changedAt + lateSlackMs(ctx),
      { notAfterMs: lateSlackMs(ctx) },
      next === undefined ? 'no notification' : { atMs: next.receivedAt - changedAt },
    );
    if (next !== undefined) ctx.check('the notification carries the new value', sameReading(numberAt(next.entries, path), value), value, numberAt(next.entries, path) ?? null);
  },
});
