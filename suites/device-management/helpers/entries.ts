/**
 * Small views on decoded Read answers (flat ResourceEntry lists), so scenarios can state what they expect
 * about a resource without repeating the filtering. Values are made JSON-friendly for evidence.
 */
import type { JsonValue } from '../../../harness/engine/evidence.ts';
import type { OperationResult } from '../../../harness/lwm2m/server/operation-result.ts';
import { isObjlnk, type ResourceEntry, type ResourceValue } from '../../../harness/lwm2m/values.ts';

/** The entries of one resource (all its resource instances), optionally of one object instance. */
export function entriesOf(entries: readonly ResourceEntry[] | undefined, resourceId: number, instanceId?: number): ResourceEntry[] {
  return (entries ?? []).filter(
    (e) => e.path.resourceId === resourceId && (instanceId === undefined || e.path.instanceId === instanceId),
  );
}

/** The value of a single-instance resource when the answer holds exactly one entry for it. */
export function singleValue(entries: readonly ResourceEntry[] | undefined, resourceId: number): ResourceValue | undefined {
  const found = entriesOf(entries, resourceId);
  return found.length === 1 ? found[0]?.value : undefined;
}

/** Resource instance id -> value of a multiple-instance resource. */
export function instancesOf(entries: readonly ResourceEntry[] | undefined, resourceId: number): Map<number, ResourceValue> {
  const out = new Map<number, ResourceValue>();
  for (const e of entriesOf(entries, resourceId)) {
    if (e.path.resourceInstanceId !== undefined) out.set(e.path.resourceInstanceId, e.value);
  }
  return out;
}

/** Resource ids present in an answer, sorted. */
export function resourceIds(entries: readonly ResourceEntry[] | undefined): number[] {
  const ids = new Set<number>();
  for (const e of entries ?? []) if (e.path.resourceId !== undefined) ids.add(e.path.resourceId);
  return [...ids].sort((a, b) => a - b);
}

/** Object instance ids present in an answer, sorted. */
export function instanceIds(entries: readonly ResourceEntry[] | undefined): number[] {
  const ids = new Set<number>();
  for (const e of entries ?? []) if (e.path.instanceId !== undefined) ids.add(e.path.instanceId);
  return [...ids].sort((a, b) => a - b);
}

/** A resource value as evidence can hold it (Opaque as hex, Objlnk as "o:i"). */
export function jsonOf(value: ResourceValue | undefined): JsonValue {
  if (value === undefined) return null;
  if (Buffer.isBuffer(value)) return `0x${value.toString('hex')}`;
  if (isObjlnk(value)) return `${value.objectId}:${value.instanceId}`;
  return value;
}

/** What an operation answered, for evidence: the code, plus the decode error when a 2.xx payload was bad. */
export function answerOf(result: OperationResult): JsonValue {
  return result.decodeError === undefined ? result.code : `${result.code} (undecodable: ${result.decodeError})`;
}

/** True when the answer is 2.05 and its payload decoded. */
export function readOk(result: OperationResult): boolean {
  return result.code === '2.05' && result.decodeError === undefined;
}
