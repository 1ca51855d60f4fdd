import { pathLevel, type LwM2MPath } from '../path.ts';
import { ContentFormat, isObjlnk, type ResourceEntry, type ResourceType, type ResourceValue } from '../values.ts';
import {
  decodeBase64Strict, decodeUtf8, describePath, parseFloatText, parseIntegerText, parseObjlnkText, resourceType, type CodecContext,
} from './context.ts';
import { ContentDecodeError, ContentEncodeError } from './errors.ts';

const F = ContentFormat.TEXT;

/** text/plain (LwM2M 1.0 TS §6.4.1): one resource (instance) value as text. */
export function encodeText(entries: readonly ResourceEntry[], ctx: CodecContext): Buffer {
  const entry = singleEntry(F, entries);
  const type = entry.path.resourceId === undefined ? undefined : resourceType(ctx, entry.path.objectId, entry.path.resourceId);
  return Buffer.from(valueToText(entry.value, type), 'utf8');
}

export function valueToText(value: ResourceValue, type: ResourceType | undefined): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ContentEncodeError(F, `cannot write ${value} as text`);
    if ((type === 'Integer' || type === 'Time' || type === 'Unsigned Integer') && !Number.isInteger(value)) {
      throw new ContentEncodeError(F, `${value} is not an integer (resource type ${type})`);
    }
    return String(value);
  }
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (isObjlnk(value)) return `${value.objectId}:${value.instanceId}`;
  return value;
}

export function decodeText(payload: Buffer, ctx: CodecContext): ResourceEntry[] {
  const path = resourcePath(F, ctx.path);
  const type = resourceType(ctx, path.objectId, path.resourceId as number) ?? 'String';
  const text = decodeUtf8(payload);
  if (text === undefined) throw new ContentDecodeError(F, 'payload is not valid UTF-8', { path: describePath(path) });
  return [{ path, value: textToValue(text, type, path) }];
}

export function textToValue(text: string, type: ResourceType, path: LwM2MPath): ResourceValue {
  const bad = (what: string): never => {
    throw new ContentDecodeError(F, `'${text.slice(0, 40)}' is not ${what}`, { path: describePath(path) });
  };
  switch (type) {
    case 'String':
    case 'Corelnk':
      return text;
    case 'Integer':
    case 'Time':
      return parseIntegerText(text) ?? bad('an integer');
    case 'Unsigned Integer': {
      const n = parseIntegerText(text);
      return n !== undefined && n >= 0 ? n : bad('an unsigned integer');
    }
    case 'Float':
      return parseFloatText(text) ?? bad('a number');
    case 'Boolean':
      return text === '1' ? true : text === '0' ? false : bad('a boolean ("0" or "1")');
    case 'Objlnk':
      return parseObjlnkText(text) ?? bad('an object link "objectId:instanceId"');
    case 'Opaque':
      return decodeBase64Strict(text) ?? bad('base64');
    case 'none':
      return bad('a value: the resource is executable');
  }
}

export function singleEntry(format: number, entries: readonly ResourceEntry[]): ResourceEntry {
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined) {
    throw new ContentEncodeError(format, `format ${format} carries exactly one value, got ${entries.length}`);
  }
  if (entry.path.resourceId === undefined) throw new ContentEncodeError(format, `format ${format} needs a resource path`);
  return entry;
}

/** The request path of a single-value format must name a resource or a resource instance. */
export function resourcePath(format: number, path: LwM2MPath | undefined): LwM2MPath {
  if (path === undefined || (pathLevel(path) !== 'resource' && pathLevel(path) !== 'resourceInstance')) {
    throw new ContentDecodeError(format, `format ${format} needs a resource path, got ${describePath(path)}`);
  }
  return path;
}
