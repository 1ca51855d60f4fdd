import type { LwM2MPath } from '../path.ts';
import { ContentFormat, type ResourceEntry, type ResourceType, type ResourceValue } from '../values.ts';
import { decodeBase64Strict, parseObjlnkText, resourceType, type CodecContext } from './context.ts';
import { ContentDecodeError } from './errors.ts';
import { baseAndNames, baseTime, checkValueForType, resolveName, typeForEntry } from './names.ts';

/*
 * OMA LwM2M JSON (application/vnd.oma.lwm2m+json, LwM2M 1.0 TS §6.4.4): { "bn", "bt", "e": [ { "n",
 * "v" | "bv" | "sv" | "ov", "t" } ] }. Numbers (Integer, Float, Time) go in "v", booleans in "bv", strings
 * in "sv", Opaque as base64 in "sv", Objlnk as "obj:inst" in "ov". Times are "bt" + "t" in seconds; when
 * entries carry times, "bt" is the latest and each "t" is relative to it (zero or negative).
 */

const F = ContentFormat.OMA_JSON;

interface JsonRecord {
  n?: string;
  v?: number;
  bv?: boolean;
  sv?: string;
  ov?: string;
  t?: number;
}

export function encodeOmaJson(entries: readonly ResourceEntry[], ctx: CodecContext): Buffer {
  const { bn, names } = baseAndNames(ctx.path, entries);
  const bt = baseTime(entries);
  const e = entries.map((entry, i) => {
    const type = typeForEntry(ctx, entry);
    checkValueForType(F, entry, type);
    const rec: JsonRecord = {};
    const n = names[i];
    if (n !== undefined) rec.n = n;
    Object.assign(rec, valueField(entry.value, type));
    if (entry.time !== undefined && bt !== undefined) rec.t = entry.time - bt;
    return rec;
  });
  const doc = bt === undefined ? { bn, e } : { bn, bt, e };
  return Buffer.from(JSON.stringify(doc), 'utf8');
}

function valueField(value: ResourceValue, type: ResourceType): JsonRecord {
  switch (type) {
    case 'Boolean':
      return { bv: value as boolean };
    case 'Integer':
    case 'Unsigned Integer':
    case 'Float':
    case 'Time':
      return { v: value as number };
    case 'Opaque':
      return { sv: (value as Buffer).toString('base64') };
    case 'Objlnk': {
      const o = value as { objectId: number; instanceId: number };
      return { ov: `${o.objectId}:${o.instanceId}` };
    }
    default:
      return { sv: value as string };
  }
}

export function decodeOmaJson(payload: Buffer, ctx: CodecContext): ResourceEntry[] {
  const doc = parseJson(F, payload);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new ContentDecodeError(F, 'OMA JSON: the payload is not a JSON object');
  const root = doc as Record<string, unknown>;
  const bn = optional(root, 'bn', 'string', -1) ?? '';
  const bt = optional(root, 'bt', 'number', -1);
  const e = root['e'];
  if (!Array.isArray(e)) throw new ContentDecodeError(F, 'OMA JSON: "e" must be an array');
  return e.map((raw, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ContentDecodeError(F, `OMA JSON: record ${i} is not an object`);
    const rec = raw as Record<string, unknown>;
    const n = optional(rec, 'n', 'string', i) ?? '';
    const t = optional(rec, 't', 'number', i);
    const path = resolveName(F, bn + n, ctx.path, i);
    const value = recordValue(rec, i, path, ctx);
    const entry: ResourceEntry = { path, value };
    if (bt !== undefined || t !== undefined) entry.time = (bt ?? 0) + (t ?? 0);
    return entry;
  });
}

function recordValue(rec: Record<string, unknown>, i: number, path: LwM2MPath, ctx: CodecContext): ResourceValue {
  const keys = (['v', 'bv', 'sv', 'ov'] as const).filter((k) => k in rec);
  const [key] = keys;
  if (keys.length !== 1 || key === undefined) throw new ContentDecodeError(F, `OMA JSON: record ${i} needs exactly one of v, bv, sv, ov`);
  const raw = rec[key];
  const type = resourceType(ctx, path.objectId, path.resourceId as number);
  const bad = (what: string): never => {
    throw new ContentDecodeError(F, `OMA JSON: record ${i} (${type ?? 'unknown type'}): ${what}`);
  };
  const expect = (k: string): void => {
    if (key !== k) bad(`expected "${k}", got "${key}"`);
  };
  switch (type ?? keyType(key)) {
    case 'Integer':
    case 'Time':
      expect('v');
      return typeof raw === 'number' && Number.isSafeInteger(raw) ? raw : bad(`"${String(raw)}" is not an integer`);
    case 'Unsigned Integer':
      expect('v');
      return typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0 ? raw : bad(`"${String(raw)}" is not an unsigned integer`);
    case 'Float':
      expect('v');
      return typeof raw === 'number' ? raw : bad('"v" is not a number');
    case 'Boolean':
      expect('bv');
      return typeof raw === 'boolean' ? raw : bad('"bv" is not a boolean');
    case 'Opaque':
      expect('sv');
      return (typeof raw === 'string' ? decodeBase64Strict(raw) : undefined) ?? bad('"sv" is not base64');
    case 'Objlnk':
      expect('ov');
      return (typeof raw === 'string' ? parseObjlnkText(raw) : undefined) ?? bad('"ov" is not "objectId:instanceId"');
    case 'none':
      return bad('an executable resource has no value');
    default:
      expect('sv');
      return typeof raw === 'string' ? raw : bad('"sv" is not a string');
  }
}

function keyType(key: 'v' | 'bv' | 'sv' | 'ov'): ResourceType {
  return key === 'v' ? 'Float' : key === 'bv' ? 'Boolean' : key === 'ov' ? 'Objlnk' : 'String';
}

export function parseJson(format: number, payload: Buffer): unknown {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(payload);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    throw new ContentDecodeError(format, `not valid JSON: ${(err as Error).message}`, m ? { offset: Number(m[1]) } : {});
  }
}

function optional<K extends 'string' | 'number'>(
  obj: Record<string, unknown>,
  key: string,
  kind: K,
  index: number,
): (K extends 'string' ? string : number) | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== kind || (kind === 'number' && !Number.isFinite(v as number))) {
    throw new ContentDecodeError(F, `OMA JSON: ${index < 0 ? '' : `record ${index}: `}"${key}" must be a ${kind}`);
  }
  return v as K extends 'string' ? string : number;
}
