import { formatPath, parsePath, pathContains, pathSegments, type LwM2MPath } from '../path.ts';
import { isObjlnk, type ResourceEntry, type ResourceType, type ResourceValue } from '../values.ts';
import { describePath, resourceType, type CodecContext } from './context.ts';
import { ContentDecodeError, ContentEncodeError } from './errors.ts';
import { inferType } from './tlv.ts';

/*
 * Naming shared by the JSON-like formats (OMA JSON, SenML JSON/CBOR): a base name from the request path
 * ("/3/0/") and names relative to it ("6/1"), as in the TS examples. When the payload is one value at the
 * request path itself, the base name is the full path and the record has no name.
 */
export function baseAndNames(path: LwM2MPath | undefined, entries: readonly ResourceEntry[]): { bn: string; names: Array<string | undefined> } {
  const base = path === undefined ? [] : pathSegments(path);
  const [only] = entries;
  if (path !== undefined && entries.length === 1 && only !== undefined && formatPath(only.path) === formatPath(path)) {
    return { bn: formatPath(path), names: [undefined] };
  }
  return {
    bn: base.length === 0 ? '/' : `/${base.join('/')}/`,
    names: entries.map((e) => pathSegments(e.path).slice(base.length).join('/')),
  };
}

/**
 * Turns a full record name (base name + name) into a path. Absolute names ("/3/0/1") stand alone; a relative
 * name is read below the request path (LwM2M 1.0 JSON without "bn"). The result must name a resource (or
 * resource instance) inside the request path.
 */
export function resolveName(format: number, name: string, requestPath: LwM2MPath | undefined, index: number): LwM2MPath {
  let full = name;
  if (!full.startsWith('/')) full = requestPath === undefined ? `/${full}` : `${formatPath(requestPath)}/${full}`;
  let path: LwM2MPath;
  try {
    path = parsePath(full.replace(/\/+$/, ''));
  } catch {
    throw new ContentDecodeError(format, `record ${index}: name '${name}' is not an LwM2M path`);
  }
  if (path.resourceId === undefined || path.instanceId === undefined) {
    throw new ContentDecodeError(format, `record ${index}: name '${name}' does not name a resource`);
  }
  if (requestPath !== undefined && !pathContains(requestPath, path)) {
    throw new ContentDecodeError(format, `record ${index}: ${formatPath(path)} is outside the request path ${describePath(requestPath)}`);
  }
  return path;
}

/** The model type of an entry's resource, or one inferred from the value when the model does not know it. */
export function typeForEntry(ctx: CodecContext, entry: ResourceEntry): ResourceType {
  const known = entry.path.resourceId === undefined ? undefined : resourceType(ctx, entry.path.objectId, entry.path.resourceId);
  return known ?? inferType(entry.value);
}

/** Checks a value fits its type before writing; the JSON formats would otherwise write anything. */
export function checkValueForType(format: number, entry: ResourceEntry, type: ResourceType): void {
  const v: ResourceValue = entry.value;
  const ok = ((): boolean => {
    switch (type) {
      case 'String':
      case 'Corelnk':
        return typeof v === 'string';
      case 'Integer':
      case 'Time':
        return typeof v === 'number' && Number.isSafeInteger(v);
      case 'Unsigned Integer':
        return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
      case 'Float':
        return typeof v === 'number' && Number.isFinite(v);
      case 'Boolean':
        return typeof v === 'boolean';
      case 'Opaque':
        return Buffer.isBuffer(v);
      case 'Objlnk':
        return isObjlnk(v);
      case 'none':
        return false;
    }
  })();
  if (!ok) throw new ContentEncodeError(format, `${formatPath(entry.path)}: value does not fit type ${type}`, { path: formatPath(entry.path) });
}

/** Latest timestamp of the entries, used as the base time so relative times are zero or negative. */
export function baseTime(entries: readonly ResourceEntry[]): number | undefined {
  let bt: number | undefined;
  for (const e of entries) if (e.time !== undefined && (bt === undefined || e.time > bt)) bt = e.time;
  return bt;
}
