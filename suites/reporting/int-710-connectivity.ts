/**
 * LightweightM2M-1.0-int-710, connectivity status reporting: Write-Attributes /4/0?pmin=2&pmax=10 (instance
 * level), Observe /4/0, then change Link Quality /4/0/3 by stimulus once pmin has passed.
 * Pass when, on the wire:
 * - the Write-Attributes is answered 2.04, the Observe 2.05 with an Observe option and the instance's
 *   values (at least one resource of /4/0);
 * - a notification follows the change (within the slack; or, on a device without that stimulus, within
 *   pmax) carrying values of /4/0, the same resources as the first answer, with Link Quality at its new value
 *   whenever the device reports that resource.
 * Signal strength, cell id and IP address are other requirements' concern (HLF-025, 028, 037): not judged.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { formatPath, parsePath, pathContains } from '../../harness/lwm2m/path.ts';
import type { DecodedNotification } from '../../harness/lwm2m/server/information-reporting.ts';
import type { ResourceEntry } from '../../harness/lwm2m/values.ts';
import { configureAttributes } from './helpers/attributes.ts';
import { guardRegistration } from './helpers/guard.ts';
import { startObservation } from './helpers/observe.ts';
import { trySetValue } from './helpers/stimulus.ts';
import { lateSlackMs, sleepUntil } from './helpers/timing.ts';
import { numberAt, sameReading } from './helpers/values.ts';
import { CONNECTIVITY_MONITORING, HLF_027 } from './ids.ts';

const INSTANCE = '/4/0';
const LINK_QUALITY = '/4/0/3';
const PMIN_S = 2;
const PMAX_S = 10;

export const int710Connectivity = defineScenario({
  id: 'LightweightM2M-1.0-int-710',
  title: 'The Connectivity Monitoring instance is observed and its changes are notified',
  suite: 'reporting',
  verifies: [HLF_027],
  ets: ['LightweightM2M-1.0-int-710'],
  precondition: 'registered',
  requires: { objects: [CONNECTIVITY_MONITORING] },
  timeoutMs: 5 * 60_000,
  async run(ctx) {
    const instance = parsePath(INSTANCE);
    const guard = guardRegistration(ctx);
    await configureAttributes(ctx, INSTANCE, { pmin: PMIN_S, pmax: PMAX_S });
    const observation = await startObservation(ctx, INSTANCE);
    const { handle, startedAt } = observation;
    const first = handle.first.entries ?? [];
    ctx.require(
      'the Observe answer carries the values of /4/0',
      first.length > 0 && first.every((e) => pathContains(instance, e.path)),
      'resources of /4/0',
      handle.first.decodeError ?? paths(first),
    );

    await sleepUntil(ctx, startedAt + (PMIN_S + 1) * 1000);
    const quality = numberAt(first, parsePath(LINK_QUALITY));
    const value = quality === undefined ? 50 : quality === 50 ? 45 : 50;
    const changedAt = await trySetValue(ctx, LINK_QUALITY, value);
    const from = changedAt ?? startedAt;
    const deadline = changedAt === undefined ? startedAt + PMAX_S * 1000 + lateSlackMs(ctx) : changedAt + lateSlackMs(ctx);
    await sleepUntil(ctx, deadline);
    guard.assertKept();
    ctx.exchangeSince('notifications of /4/0', startedAt);

    const next = handle.notifications.find((n) => n.receivedAt >= from);
    ctx.require(
      changedAt === undefined ? `a notification of /4/0 within pmax (${PMAX_S} s)` : 'the Link Quality change is notified',
      next !== undefined && next.receivedAt <= deadline,
      { notAfterMs: deadline - from },
      next === undefined ? 'no notification' : { atMs: next.receivedAt - from },
    );
    judgeValues(ctx, next as DecodedNotification, first, changedAt === undefined ? undefined : value);
  },
});

function judgeValues(ctx: ScenarioContext, n: DecodedNotification, first: readonly ResourceEntry[], quality: number | undefined): void {
  const entries = n.entries ?? [];
  const expected = resourcesOf(first);
  ctx.check(
    'the notification is 2.05 with the same resources of /4/0 as the Observe answer',
    n.code === '2.05' && JSON.stringify(resourcesOf(entries)) === JSON.stringify(expected),
    { code: '2.05', resources: expected },
    { code: n.code, resources: resourcesOf(entries), ...(n.decodeError ? { error: n.decodeError } : {}) },
  );
  if (quality !== undefined && expected.includes(LINK_QUALITY)) {
    const got = numberAt(entries, parsePath(LINK_QUALITY));
    ctx.check('the notification carries the new Link Quality', sameReading(got, quality), quality, got ?? null);
  }
}

/** The resources (not resource instances) a payload covers, sorted. */
function resourcesOf(entries: readonly ResourceEntry[]): string[] {
  const set = new Set(entries.map((e) => formatPath({ objectId: e.path.objectId, instanceId: e.path.instanceId, resourceId: e.path.resourceId })));
  return [...set].sort();
}

function paths(entries: readonly ResourceEntry[]): string[] {
  return entries.map((e) => formatPath(e.path));
}
