/**
 * /3/0/14 UTC Offset: a writable string resource every Device object has, harmless to change, whose value
 * shows whether a (replayed or tampered) Write took effect.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import { parsePath } from '../../../harness/lwm2m/path.ts';
import type { OperationResult } from '../../../harness/lwm2m/server/operation-result.ts';
import { readValue } from '../../common/read-value.ts';

export const UTC_OFFSET = '/3/0/14';

export function writeUtcOffset(ctx: ScenarioContext, value: string): Promise<OperationResult> {
  return ctx.server.write(ctx.endpoint, UTC_OFFSET, [{ path: parsePath(UTC_OFFSET), value }]);
}

/** Writes a value and makes sure the device took it; inconclusive when it does not accept the Write at all. */
export async function setUtcOffset(ctx: ScenarioContext, value: string): Promise<OperationResult> {
  const result = await writeUtcOffset(ctx, value);
  if (result.code !== '2.04') ctx.inconclusive(`the device does not accept a Write of ${UTC_OFFSET} (answered ${result.code}); the check needs one`);
  return result;
}

export async function readUtcOffset(ctx: ScenarioContext): Promise<string | null> {
  const { value } = await readValue(ctx, UTC_OFFSET);
  return typeof value === 'string' ? value : null;
}
