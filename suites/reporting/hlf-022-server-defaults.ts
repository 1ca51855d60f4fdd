/**
 * HLF-022, the server's default periods: Default Minimum Period /1/x/2 and Default Maximum Period /1/x/3 apply
 * to observations that have no pmin/pmax of their own. The TS says a device SHOULD use them, so every
 * deviation here is a warning, never a fail.
 * Write /1/x/2 = 5 and /1/x/3 = 10, Observe /3303/0/5700 with no attributes, change the sensor 1 s later,
 * then leave it alone.
 * Pass when the Observe is accepted (2.05 with an Observe option). Warnings when the defaults cannot be
 * written, when the change is notified before the default pmin, or when the device stays silent for longer
 * than the default pmax. The old values are written back at teardown.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { formatPath, parsePath } from '../../harness/lwm2m/path.ts';
import { guardRegistration } from './helpers/guard.ts';
import { startObservation } from './helpers/observe.ts';
import { setValue } from './helpers/stimulus.ts';
import { earlySlackMs, lateSlackMs, sleepUntil } from './helpers/timing.ts';
import { numberAt, reading } from './helpers/values.ts';
import { HLF_022, SENSOR_VALUE, TEMPERATURE } from './ids.ts';

const DEFAULT_PMIN_S = 5;
const DEFAULT_PMAX_S = 10;
const RESTORE_TIMEOUT_MS = 10_000;

export const hlf022ServerDefaults = defineScenario({
  id: 'hlf-022-server-default-periods',
  title: 'Observations without attributes follow the server default periods /1/x/2 and /1/x/3 (SHOULD)',
  suite: 'reporting',
  verifies: [HLF_022],
  ets: [],
  precondition: 'registered',
  requires: { objects: [TEMPERATURE] },
  timeoutMs: 5 * 60_000,
  async run(ctx) {
    const guard = guardRegistration(ctx);
    const server = await serverInstance(ctx);
    const writable = (await setDefault(ctx, `${server}/2`, DEFAULT_PMIN_S)) && (await setDefault(ctx, `${server}/3`, DEFAULT_PMAX_S));
    const observation = await startObservation(ctx, SENSOR_VALUE);
    if (!writable) {
      ctx.warn('server-default-periods-not-writable', `Write to ${server}/2 and ${server}/3 was refused: the server cannot set default periods`);
      return;
    }
    const { handle, startedAt } = observation;
    const path = parsePath(SENSOR_VALUE);
    const v = numberAt(handle.first.entries, path) ?? 20;
    await sleepUntil(ctx, startedAt + 1000);
    const changedAt = await setValue(ctx, SENSOR_VALUE, reading(v + 5));
    const heldUntil = startedAt + DEFAULT_PMIN_S * 1000;
    await sleepUntil(ctx, heldUntil + lateSlackMs(ctx));
    guard.assertKept();
    const held = handle.notifications.find((n) => n.receivedAt >= changedAt);
    if (held === undefined) {
      ctx.warn('server-default-pmin-change-lost', `a change 1 s into the default pmin (${DEFAULT_PMIN_S} s) was not notified by the end of it`);
    } else if (held.receivedAt < heldUntil - earlySlackMs(ctx)) {
      ctx.warn('server-default-pmin-ignored', `a change was notified ${held.receivedAt - startedAt} ms after the Observe answer, before the default pmin of ${DEFAULT_PMIN_S} s`);
    }
    const lastAt = held?.receivedAt ?? startedAt;
    await sleepUntil(ctx, lastAt + DEFAULT_PMAX_S * 1000 + lateSlackMs(ctx));
    guard.assertKept();
    ctx.exchangeSince('notifications under the default periods', startedAt);
    const periodic = handle.notifications.find((n) => n.receivedAt > lastAt);
    if (periodic === undefined) {
      ctx.warn('server-default-pmax-ignored', `no notification within the default pmax of ${DEFAULT_PMAX_S} s without changes`);
    } else {
      ctx.note(`periodic notification ${periodic.receivedAt - lastAt} ms after the previous one (default pmax ${DEFAULT_PMAX_S} s)`);
    }
  },
});

/** The Server object instance to configure: the only one, or the first when the device has several. */
async function serverInstance(ctx: ScenarioContext): Promise<string> {
  const read = await ctx.server.read(ctx.endpoint, '/1');
  const ids = [...new Set((read.entries ?? []).map((e) => e.path.instanceId).filter((id) => id !== undefined))].sort((a, b) => a - b);
  if (ids.length > 1) ctx.note(`several Server object instances (${ids.join(', ')}): configuring /1/${ids[0]}`);
  return `/1/${ids[0] ?? 0}`;
}

/** Writes one default period; restores the old value (when it had one) at teardown. */
async function setDefault(ctx: ScenarioContext, path: string, seconds: number): Promise<boolean> {
  const p = parsePath(path);
  const before = await ctx.server.read(ctx.endpoint, path);
  const old = numberAt(before.entries, p);
  const since = ctx.clock.now();
  const result = await ctx.server.write(ctx.endpoint, path, [{ path: p, value: seconds }]);
  ctx.exchangeSince(`Write ${formatPath(p)} = ${seconds}`, since);
  if (result.code !== '2.04') {
    ctx.note(`Write ${path} = ${seconds} answered ${result.code}`);
    return false;
  }
  if (old === undefined) {
    ctx.note(`${path} had no value before (${before.code}): nothing to restore at teardown`);
    return true;
  }
  ctx.defer(async () => {
    await ctx.server.write(ctx.endpoint, path, [{ path: p, value: old }], { timeoutMs: RESTORE_TIMEOUT_MS }).catch(() => undefined);
  });
  return true;
}
