import { InputError } from '../errors.ts';

/** A numeric LwM2M path: /object[/instance[/resource[/resourceInstance]]] (HLF-002 binary addressing). */
export interface LwM2MPath {
  objectId: number;
  instanceId?: number;
  resourceId?: number;
  resourceInstanceId?: number;
}

export type PathLevel = 'object' | 'instance' | 'resource' | 'resourceInstance';

export function pathLevel(p: LwM2MPath): PathLevel {
  if (p.resourceInstanceId !== undefined) return 'resourceInstance';
  if (p.resourceId !== undefined) return 'resource';
  if (p.instanceId !== undefined) return 'instance';
  return 'object';
}

const ID_MAX = 65535;

/** Parses "/3/0/1" (or "3/0/1", or Uri-Path segments). Throws InputError naming the bad text. */
export function parsePath(text: string | readonly string[]): LwM2MPath {
  const segments = typeof text === 'string' ? text.split('/').filter((s) => s.length > 0) : [...text];
  if (segments.length < 1 || segments.length > 4) throw new InputError(`not an LwM2M path: '${String(text)}'`);
  const ids = segments.map((s) => {
    if (!/^\d{1,5}$/.test(s) || Number(s) > ID_MAX) throw new InputError(`not an LwM2M path: '${String(text)}' (segment '${s}')`);
    return Number(s);
  });
  const [objectId, instanceId, resourceId, resourceInstanceId] = ids as [number, number?, number?, number?];
  const path: LwM2MPath = { objectId };
  if (instanceId !== undefined) path.instanceId = instanceId;
  if (resourceId !== undefined) path.resourceId = resourceId;
  if (resourceInstanceId !== undefined) path.resourceInstanceId = resourceInstanceId;
  return path;
}

export function formatPath(p: LwM2MPath): string {
  return '/' + pathSegments(p).join('/');
}

export function pathSegments(p: LwM2MPath): string[] {
  const out = [String(p.objectId)];
  if (p.instanceId !== undefined) out.push(String(p.instanceId));
  if (p.resourceId !== undefined) out.push(String(p.resourceId));
  if (p.resourceInstanceId !== undefined) out.push(String(p.resourceInstanceId));
  return out;
}

/** True when `inner` is `outer` or lies below it. */
export function pathContains(outer: LwM2MPath, inner: LwM2MPath): boolean {
  const a = pathSegments(outer);
  const b = pathSegments(inner);
  return a.length <= b.length && a.every((s, i) => s === b[i]);
}
