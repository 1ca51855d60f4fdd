import { formatPath, type LwM2MPath } from '../path.ts';
import { isObjlnk, type ResourceEntry, type ResourceType, type ResourceValue } from '../values.ts';
import { parseObjlnkText, resourceType, type CodecContext } from './context.ts';
import { ContentDecodeError } from './errors.ts';
import { baseAndNames, baseTime, checkValueForType, resolveName, typeForEntry } from './names.ts';

/*
 * The SenML record model (RFC 8428) shared by SenML JSON and SenML CBOR, with the LwM2M 1.1 conventions:
 * names resolve to absolute paths (base name + name), Integer/Float/Time in "v", String in "vs", Boolean in
 * "vb", Opaque in "vd", Objlnk as "obj:inst" in "vlo". Base fields (bn, bt, bv) carry over to later records.
 */
export interface SenmlRecord {
  bn?: string;
  bt?: number;
  bv?: number;
  n?: string;
  v?: number;
  vs?: string;
  vb?: boolean;
  vd?: Buffer;
  vlo?: string;
  t?: number;
  /** Encode hint: the resource is Float, so CBOR writes a float even for an integral value. */
  float?: boolean;
}

/** Entries -> records in the layout of the TS examples: bn (and bt) on the first record, names relative. */
export function entriesToRecords(format: number, entries: readonly ResourceEntry[], ctx: CodecContext): SenmlRecord[] {
  const { bn, names } = baseAndNames(ctx.path, entries);
  const bt = baseTime(entries);
  return entries.map((entry, i) => {
    const type = typeForEntry(ctx, entry);
    checkValueForType(format, entry, type);
    const rec: SenmlRecord = {};
    if (i === 0) {
      rec.bn = bn;
      if (bt !== undefined) rec.bt = bt;
    }
    const n = names[i];
    if (n !== undefined) rec.n = n;
    setValue(rec, entry.value, type);
    if (entry.time !== undefined && bt !== undefined) rec.t = entry.time - bt;
    return rec;
  });
}

function setValue(rec: SenmlRecord, value: ResourceValue, type: ResourceType): void {
  if (typeof value === 'boolean') rec.vb = value;
  else if (typeof value === 'number') {
    rec.v = value;
    if (type === 'Float') rec.float = true;
  } else if (Buffer.isBuffer(value)) rec.vd = value;
  else if (isObjlnk(value)) rec.vlo = `${value.objectId}:${value.instanceId}`;
  else rec.vs = value;
}

/** Records (already checked for field types) -> entries, resolving base fields and checking model types. */
export function recordsToEntries(format: number, records: readonly SenmlRecord[], ctx: CodecContext): ResourceEntry[] {
  let bn = '';
  let bt: number | undefined;
  let bv: number | undefined;
  return records.map((rec, i) => {
    if (rec.bn !== undefined) bn = rec.bn;
    if (rec.bt !== undefined) bt = rec.bt;
    if (rec.bv !== undefined) bv = rec.bv;
    const path = resolveName(format, bn + (rec.n ?? ''), ctx.path, i);
    const entry: ResourceEntry = { path, value: recordValue(format, rec, i, path, ctx, bv) };
    if (bt !== undefined || rec.t !== undefined) entry.time = (bt ?? 0) + (rec.t ?? 0);
    return entry;
  });
}

function recordValue(format: number, rec: SenmlRecord, i: number, path: LwM2MPath, ctx: CodecContext, bv: number | undefined): ResourceValue {
  const present = (['v', 'vs', 'vb', 'vd', 'vlo'] as const).filter((k) => rec[k] !== undefined);
  const [key] = present;
  if (key === undefined && bv === undefined) throw new ContentDecodeError(format, `SenML: record ${i} (${formatPath(path)}) has no value`);
  if (present.length > 1) throw new ContentDecodeError(format, `SenML: record ${i} has more than one value field (${present.join(', ')})`);
  const type = resourceType(ctx, path.objectId, path.resourceId as number);
  const bad = (what: string): never => {
    throw new ContentDecodeError(format, `SenML: record ${i} (${formatPath(path)}, ${type ?? 'unknown type'}): ${what}`);
  };
  const want = (k: string): void => {
    if ((key ?? 'v') !== k) bad(`expected "${k}", got "${key ?? 'bv'}"`);
  };
  const number = (): number => (rec.v ?? 0) + (bv ?? 0);
  switch (type) {
    case 'Integer':
    case 'Time': {
      want('v');
      const n = number();
      return Number.isSafeInteger(n) ? n : bad(`${n} is not an integer`);
    }
    case 'Unsigned Integer': {
      want('v');
      const n = number();
      return Number.isSafeInteger(n) && n >= 0 ? n : bad(`${n} is not an unsigned integer`);
    }
    case 'Float':
      want('v');
      return number();
    case 'Boolean':
      want('vb');
      return rec.vb as boolean;
    case 'String':
    case 'Corelnk':
      want('vs');
      return rec.vs as string;
    case 'Opaque':
      want('vd');
      return Buffer.from(rec.vd as Buffer);
    case 'Objlnk':
      want('vlo');
      return parseObjlnkText(rec.vlo as string) ?? bad(`"vlo" '${rec.vlo}' is not "objectId:instanceId"`);
    case 'none':
      return bad('an executable resource has no value');
    case undefined:
      if (key === undefined || key === 'v') return number();
      if (key === 'vlo') return parseObjlnkText(rec.vlo as string) ?? bad(`"vlo" '${rec.vlo}' is not "objectId:instanceId"`);
      if (key === 'vd') return Buffer.from(rec.vd as Buffer);
      return rec[key] as string | boolean;
  }
}
