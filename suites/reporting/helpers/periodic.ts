/**
 * Judging periodic reporting over a window: no silence longer than pmax (from the Observe answer, between
 * notifications, and up to the end of the window), at least one notification per pmax period, none closer
 * than pmin, and every notification a 2.05 carrying numbers under the observed path.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import { formatPath, parsePath, pathContains } from '../../../harness/lwm2m/path.ts';
import type { DecodedNotification } from '../../../harness/lwm2m/server/information-reporting.ts';
import type { StartedObservation } from './observe.ts';
import { earlySlackMs, lateSlackMs } from './timing.ts';

export interface PeriodicTarget {
  path: string;
  pminS?: number;
  pmaxS: number;
}

export function judgePeriodic(ctx: ScenarioContext, target: PeriodicTarget, observation: StartedObservation, windowEnd: number): void {
  const { handle, startedAt } = observation;
  const received = handle.notifications.filter((n) => n.receivedAt <= windowEnd);
  const times = [startedAt, ...received.map((n) => n.receivedAt), windowEnd];
  const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
  const pmaxMs = target.pmaxS * 1000;
  const minimum = Math.floor((windowEnd - startedAt) / (pmaxMs + lateSlackMs(ctx)));
  ctx.check(`${target.path}: at least one notification per pmax (${target.pmaxS} s) over the window`, received.length >= minimum, { atLeast: minimum }, received.length);
  ctx.check(
    `${target.path}: never silent longer than pmax (${target.pmaxS} s)`,
    gaps.every((g) => g <= pmaxMs + lateSlackMs(ctx)),
    { maxGapMs: pmaxMs + lateSlackMs(ctx) },
    { gapsMs: gaps },
  );
  if (target.pminS !== undefined) {
    const between = gaps.slice(0, -1);
    const minGapMs = target.pminS * 1000 - earlySlackMs(ctx);
    ctx.check(`${target.path}: notifications are at least pmin (${target.pminS} s) apart`, between.every((g) => g >= minGapMs), { minGapMs }, { gapsMs: between });
  }
  const bad = received.filter((n) => !carriesNumbers(n, target.path));
  ctx.check(
    `${target.path}: every notification is 2.05 with the resource's values as numbers`,
    bad.length === 0,
    '2.05 with numeric values',
    bad.map((n) => ({ atMs: n.receivedAt - startedAt, code: n.code, entries: (n.entries ?? []).map((e) => `${formatPath(e.path)}=${String(e.value)}`), error: n.decodeError ?? null })),
  );
}

/** True when at least one notification came within pmax (plus slack) of the Observe answer. */
export function reportedWithinPmax(ctx: ScenarioContext, observation: StartedObservation, pmaxS: number): boolean {
  const deadline = observation.startedAt + pmaxS * 1000 + lateSlackMs(ctx);
  return observation.handle.notifications.some((n) => n.receivedAt <= deadline);
}

function carriesNumbers(n: DecodedNotification, path: string): boolean {
  const target = parsePath(path);
  const entries = n.entries ?? [];
  return n.code === '2.05' && entries.length > 0 && entries.every((e) => pathContains(target, e.path) && typeof e.value === 'number');
}
