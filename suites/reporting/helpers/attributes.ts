/**
 * Write-Attributes as a configuration step: the device must accept it (2.04), and the attributes are removed
 * again at teardown so that a real board leaves the scenario as it came (the emulated client starts fresh).
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import type { NotificationAttributes } from '../../../harness/lwm2m/server/device-management.ts';

/** Teardown waits at most this long for the device to accept the removal. */
const UNSET_TIMEOUT_MS = 10_000;

export async function configureAttributes(ctx: ScenarioContext, path: string, attributes: NotificationAttributes): Promise<void> {
  const since = ctx.clock.now();
  const result = await ctx.server.writeAttributes(ctx.endpoint, path, attributes);
  const query = describe(attributes);
  ctx.exchangeSince(`Write-Attributes ${path}?${query}`, since);
  ctx.require(`Write-Attributes ${path}?${query} is answered 2.04 Changed`, result.code === '2.04', '2.04', result.code);
  ctx.defer(async () => {
    const unset: NotificationAttributes = {};
    for (const name of Object.keys(attributes) as Array<keyof NotificationAttributes>) if (name !== 'cancel') Object.assign(unset, { [name]: null });
    await ctx.server.writeAttributes(ctx.endpoint, path, unset, { timeoutMs: UNSET_TIMEOUT_MS }).catch(() => undefined);
  });
}

export function describe(attributes: NotificationAttributes): string {
  return Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (v === null || v === true ? k : `${k}=${String(v)}`))
    .join('&');
}
