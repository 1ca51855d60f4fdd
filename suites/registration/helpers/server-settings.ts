/**
 * Writing a setting of the reference server's account (/1/x/r) for a scenario, and putting the old value back
 * afterwards so that a real board leaves the scenario configured as it came (the emulated client gets a fresh
 * instance per scenario anyway).
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import type { OperationResult } from '../../../harness/lwm2m/server/operation-result.ts';
import { parsePath } from '../../../harness/lwm2m/path.ts';
import type { ResourceValue } from '../../../harness/lwm2m/values.ts';
import { readValue } from '../../common/read-value.ts';

/** Writes `value` to `path`; when it answers 2.04 and the old value was readable, restores it at teardown. */
export async function writeSetting(ctx: ScenarioContext, path: string, value: ResourceValue): Promise<{ result: OperationResult; previous: ResourceValue | undefined }> {
  const previous = (await readValue(ctx, path)).value;
  const result = await ctx.server.write(ctx.endpoint, path, [{ path: parsePath(path), value }]);
  if (result.code === '2.04' && previous !== undefined && previous !== value) {
    ctx.defer(async () => {
      if (!ctx.server.get(ctx.endpoint)) {
        ctx.note(`could not restore ${path} to ${String(previous)}: the device is not registered`);
        return;
      }
      const restore = await ctx.server.write(ctx.endpoint, path, [{ path: parsePath(path), value: previous }], { timeoutMs: 30_000 });
      if (restore.code !== '2.04') ctx.note(`restoring ${path} to ${String(previous)} answered ${restore.code}`);
    });
  }
  return { result, previous };
}
