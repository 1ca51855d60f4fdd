/**
 * Reading one single-instance resource and getting its value for a check, with the answer kept for evidence.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import type { JsonValue } from '../../harness/engine/evidence.ts';
import type { OperationResult } from '../../harness/lwm2m/server/operation-result.ts';
import { parsePath } from '../../harness/lwm2m/path.ts';
import { isObjlnk, type ResourceValue } from '../../harness/lwm2m/values.ts';

export interface ReadValue {
  result: OperationResult;
  /** The resource's value when the answer was 2.05, decoded, and held exactly one entry for that resource. */
  value: ResourceValue | undefined;
}

export async function readValue(ctx: ScenarioContext, path: string, format?: number): Promise<ReadValue> {
  const result = await ctx.server.read(ctx.endpoint, path, format === undefined ? {} : { format });
  const target = parsePath(path);
  const matching = (result.entries ?? []).filter((e) => e.path.resourceId === target.resourceId);
  const value = result.code === '2.05' && result.decodeError === undefined && matching.length === 1 ? matching[0]?.value : undefined;
  return { result, value };
}

/** A value as evidence holds it (Opaque as hex, Objlnk as "o:i", absent as null). */
export function jsonValue(value: ResourceValue | undefined): JsonValue {
  if (value === undefined) return null;
  if (Buffer.isBuffer(value)) return `0x${value.toString('hex')}`;
  if (isObjlnk(value)) return `${value.objectId}:${value.instanceId}`;
  return value;
}

/** The answer code, with the decode error when a 2.xx payload did not decode. */
export function answerText(result: OperationResult): string {
  return result.decodeError === undefined ? result.code : `${result.code} (undecodable: ${result.decodeError})`;
}
