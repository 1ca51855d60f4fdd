/** Value changes on the device: the stimulus that makes a sensor read a new value (console command on a board). */
import type { ScenarioContext } from '../../../harness/engine/context.ts';

/**
 * Sets `path` to `value`; inconclusive when the device offers no such stimulus. Returns when the change was
 * requested, before the command went out: a board may send the notification before its console prints the
 * acknowledgement the harness waits for, and that notification is still the change's.
 */
export async function setValue(ctx: ScenarioContext, path: string, value: number): Promise<number> {
  const requestedAt = ctx.clock.now();
  await ctx.stimulus({ kind: 'set-value', path, value: String(value) });
  return requestedAt;
}

/** Like setValue, but a device without the stimulus is not an obstacle: returns undefined instead. */
export async function trySetValue(ctx: ScenarioContext, path: string, value: number): Promise<number | undefined> {
  const requestedAt = ctx.clock.now();
  const result = await ctx.device.stimulus({ kind: 'set-value', path, value: String(value) });
  if (!result.applied) {
    ctx.note(`stimulus set ${path} = ${value} not available (${result.reason}); relying on periodic notifications`);
    return undefined;
  }
  ctx.note(`stimulus: set ${path} = ${value}`);
  return requestedAt;
}
