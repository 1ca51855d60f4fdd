/** Reading numbers out of decoded notifications, and the stimulus values the scenarios choose. */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import type { DecodedNotification } from '../../../harness/lwm2m/server/information-reporting.ts';
import { formatPath, type LwM2MPath } from '../../../harness/lwm2m/path.ts';
import type { ResourceEntry } from '../../../harness/lwm2m/values.ts';

/** The number at exactly `path` (a single-instance resource), or undefined. */
export function numberAt(entries: readonly ResourceEntry[] | undefined, path: LwM2MPath): number | undefined {
  const key = formatPath(path);
  const entry = entries?.find((e) => formatPath(e.path) === key);
  return typeof entry?.value === 'number' ? entry.value : undefined;
}

/**
 * Two readings are the same when they differ by less than a hundredth: a device may carry a Float as 32 bits
 * (21.4 comes back as 21.399999...), and the scenarios move values by half a unit or more.
 */
export function sameReading(a: number | undefined, b: number): boolean {
  return a !== undefined && Math.abs(a - b) < 0.01;
}

/** A stimulus value with one decimal, so that the text sent to a board's console stays short. */
export function reading(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A notification as evidence: when it arrived relative to `origin`, its code and the number it carried. */
export function summarize(n: DecodedNotification, path: LwM2MPath, origin: number): { atMs: number; code: string; value: number | null } {
  return { atMs: n.receivedAt - origin, code: n.code, value: numberAt(n.entries, path) ?? null };
}

/** The number the Observe answer carried for `path`; the scenario cannot go on without it (fail). */
export function requireNumber(ctx: ScenarioContext, what: string, entries: readonly ResourceEntry[] | undefined, path: LwM2MPath, decodeError?: string): number {
  const value = numberAt(entries, path);
  ctx.require(what, value !== undefined, `a number at ${formatPath(path)}`, value ?? decodeError ?? (entries ? entries.map((e) => formatPath(e.path)) : null));
  return value as number;
}
