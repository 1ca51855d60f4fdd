import { formatPath, pathContains, pathLevel, type LwM2MPath } from '../path.ts';
import { ContentFormat, isObjlnk, type ResourceEntry, type ResourceType, type ResourceValue } from '../values.ts';
import { decodeUtf8, describePath, resourceType, type CodecContext } from './context.ts';
import { ContentDecodeError, ContentEncodeError } from './errors.ts';

/*
 * OMA TLV (LwM2M 1.0 TS §6.4.3). Each record: a type byte (bits 7-6 kind, bit 5 16-bit identifier,
 * bits 4-3 width of the length field, bits 2-0 the length itself when that width is 0), the identifier,
 * the length, then the value. Object Instance and Multiple Resource records nest further records.
 *
 * Encoding choices: lengths and identifiers use the smallest field; integers the shortest of 1/2/4/8 bytes
 * (two's complement); floats 4 bytes when the value is exactly representable in single precision, else 8
 * (the smallest exact form, like the integer rule); booleans 1 byte; Objlnk 2+2 bytes; Time as an integer.
 */

const F = ContentFormat.TLV;
type Kind = 'objectInstance' | 'resourceInstance' | 'multipleResource' | 'resource';
const KINDS: readonly Kind[] = ['objectInstance', 'resourceInstance', 'multipleResource', 'resource'];
const KIND_BITS: Record<Kind, number> = { objectInstance: 0, resourceInstance: 1, multipleResource: 2, resource: 3 };
const MAX_LENGTH = 0xffffff;

interface TlvRecord {
  kind: Kind;
  id: number;
  /** Offset of the type byte, for error messages. */
  at: number;
  start: number;
  end: number;
}

// ---------------------------------------------------------------- decode

function fail(message: string, offset: number, path?: LwM2MPath): never {
  throw new ContentDecodeError(F, `TLV: ${message}`, path === undefined ? { offset } : { offset, path: formatPath(path) });
}

/** Splits [start, end) of buf into records; every offset reported is absolute in the payload. */
function readRecords(buf: Buffer, start: number, end: number): TlvRecord[] {
  const out: TlvRecord[] = [];
  let i = start;
  while (i < end) {
    const at = i;
    const type = buf[i] as number;
    i++;
    const kind = KINDS[type >> 6] as Kind;
    const idWidth = type & 0x20 ? 2 : 1;
    const lengthWidth = (type >> 3) & 0x03;
    if (i + idWidth > end) fail(`identifier truncated (record at ${at} needs ${idWidth} byte(s), ${end - i} left)`, i);
    const id = idWidth === 2 ? buf.readUInt16BE(i) : (buf[i] as number);
    i += idWidth;
    let length: number;
    if (lengthWidth === 0) length = type & 0x07;
    else {
      if (i + lengthWidth > end) fail(`length field truncated (record at ${at} needs ${lengthWidth} byte(s), ${end - i} left)`, i);
      length = buf.readUIntBE(i, lengthWidth);
      i += lengthWidth;
    }
    if (i + length > end) fail(`value of ${length} byte(s) runs past the end of its container (${end - i} left)`, i);
    out.push({ kind, id, at, start: i, end: i + length });
    i += length;
  }
  return out;
}

export function decodeTlv(payload: Buffer, ctx: CodecContext): ResourceEntry[] {
  const path = ctx.path;
  if (path === undefined) throw new ContentDecodeError(F, 'TLV needs a request path');
  const top = readRecords(payload, 0, payload.length);
  const out: ResourceEntry[] = [];
  const objectId = path.objectId;
  switch (pathLevel(path)) {
    case 'object':
      for (const rec of top) {
        if (rec.kind === 'objectInstance') decodeInstance(payload, rec, objectId, rec.id, ctx, out);
        else if (ctx.defaultInstanceId !== undefined && (rec.kind === 'resource' || rec.kind === 'multipleResource')) {
          decodeResource(payload, rec, objectId, ctx.defaultInstanceId, ctx, out);
        } else fail(`a TLV ${rec.kind} record cannot stand at object level (${describePath(path)})`, rec.at, path);
      }
      break;
    case 'instance': {
      const instanceId = path.instanceId as number;
      const [only] = top;
      if (top.length === 1 && only?.kind === 'objectInstance') {
        if (only.id !== instanceId) fail(`object instance ${only.id} in a payload for ${describePath(path)}`, only.at, path);
        decodeInstance(payload, only, objectId, instanceId, ctx, out);
        break;
      }
      for (const rec of top) {
        if (rec.kind !== 'resource' && rec.kind !== 'multipleResource') {
          fail(`a TLV ${rec.kind} record cannot stand at object instance level`, rec.at, path);
        }
        decodeResource(payload, rec, objectId, instanceId, ctx, out);
      }
      break;
    }
    case 'resource': {
      const instanceId = path.instanceId as number;
      const resourceId = path.resourceId as number;
      const whole = top.filter((r) => r.kind === 'resource' || r.kind === 'multipleResource');
      for (const rec of top) {
        if (rec.kind === 'objectInstance') fail('an object instance record cannot stand at resource level', rec.at, path);
        if (whole.length > 0 && (top.length !== 1 || rec.id !== resourceId)) {
          fail(`expected one record for resource ${resourceId}, got ${rec.kind} ${rec.id}`, rec.at, path);
        }
        if (rec.kind === 'resourceInstance') {
          // Tolerated: a multiple resource sent as bare resource instance records.
          const type = resourceType(ctx, objectId, resourceId);
          const p = { objectId, instanceId, resourceId, resourceInstanceId: rec.id };
          out.push({ path: p, value: decodeValue(payload, rec, type, p) });
        } else decodeResource(payload, rec, objectId, instanceId, ctx, out);
      }
      break;
    }
    case 'resourceInstance': {
      const [only] = top;
      if (top.length !== 1 || only === undefined) fail(`expected one resource instance record, got ${top.length}`, 0, path);
      if (only.kind !== 'resourceInstance' && only.kind !== 'resource') fail(`a TLV ${only.kind} record cannot stand at resource instance level`, only.at, path);
      if (only.id !== path.resourceInstanceId) fail(`record id ${only.id} does not match ${describePath(path)}`, only.at, path);
      const type = resourceType(ctx, objectId, path.resourceId as number);
      out.push({ path: { ...path }, value: decodeValue(payload, only, type, path) });
      break;
    }
  }
  return out;
}

function decodeInstance(buf: Buffer, rec: TlvRecord, objectId: number, instanceId: number, ctx: CodecContext, out: ResourceEntry[]): void {
  for (const child of readRecords(buf, rec.start, rec.end)) {
    if (child.kind !== 'resource' && child.kind !== 'multipleResource') {
      fail(`a TLV ${child.kind} record cannot stand inside object instance ${instanceId}`, child.at);
    }
    decodeResource(buf, child, objectId, instanceId, ctx, out);
  }
}

function decodeResource(buf: Buffer, rec: TlvRecord, objectId: number, instanceId: number, ctx: CodecContext, out: ResourceEntry[]): void {
  const type = resourceType(ctx, objectId, rec.id);
  if (rec.kind === 'resource') {
    const p = { objectId, instanceId, resourceId: rec.id };
    out.push({ path: p, value: decodeValue(buf, rec, type, p) });
    return;
  }
  for (const child of readRecords(buf, rec.start, rec.end)) {
    if (child.kind !== 'resourceInstance') fail(`a TLV ${child.kind} record cannot stand inside multiple resource ${rec.id}`, child.at);
    const p = { objectId, instanceId, resourceId: rec.id, resourceInstanceId: child.id };
    out.push({ path: p, value: decodeValue(buf, child, type, p) });
  }
}

/** Reads a value by the model type; resources the model does not know come back as Opaque bytes. */
function decodeValue(buf: Buffer, rec: TlvRecord, type: ResourceType | undefined, path: LwM2MPath): ResourceValue {
  const bytes = buf.subarray(rec.start, rec.end);
  const n = bytes.length;
  const bad = (what: string): never => fail(`${describePath(path)}: ${what}`, rec.start, path);
  switch (type) {
    case undefined:
    case 'Opaque':
      return Buffer.from(bytes);
    case 'String':
    case 'Corelnk':
      return decodeUtf8(bytes) ?? bad('string is not valid UTF-8');
    case 'Integer':
    case 'Time':
      return readInteger(bytes, true) ?? bad(n === 8 ? 'integer outside the safe range of this harness (2^53)' : `integer of ${n} byte(s) (allowed 1, 2, 4, 8)`);
    case 'Unsigned Integer':
      return readInteger(bytes, false) ?? bad(n === 8 ? 'integer outside the safe range of this harness (2^53)' : `unsigned integer of ${n} byte(s) (allowed 1, 2, 4, 8)`);
    case 'Float':
      if (n === 4) return bytes.readFloatBE(0);
      if (n === 8) return bytes.readDoubleBE(0);
      return bad(`float of ${n} byte(s) (allowed 4, 8)`);
    case 'Boolean':
      if (n !== 1) return bad(`boolean of ${n} byte(s) (allowed 1)`);
      if (bytes[0] === 0) return false;
      if (bytes[0] === 1) return true;
      return bad(`boolean byte ${bytes[0]} (allowed 0, 1)`);
    case 'Objlnk':
      if (n !== 4) return bad(`object link of ${n} byte(s) (allowed 4)`);
      return { objectId: bytes.readUInt16BE(0), instanceId: bytes.readUInt16BE(2) };
    case 'none':
      return bad('an executable resource carries no value');
  }
}

function readInteger(bytes: Buffer, signed: boolean): number | undefined {
  switch (bytes.length) {
    case 1:
      return signed ? bytes.readInt8(0) : bytes.readUInt8(0);
    case 2:
      return signed ? bytes.readInt16BE(0) : bytes.readUInt16BE(0);
    case 4:
      return signed ? bytes.readInt32BE(0) : bytes.readUInt32BE(0);
    case 8: {
      const big = signed ? bytes.readBigInt64BE(0) : bytes.readBigUInt64BE(0);
      return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : undefined;
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- encode

function encodeFail(message: string, path?: LwM2MPath): never {
  throw new ContentEncodeError(F, `TLV: ${message}`, path === undefined ? {} : { path: formatPath(path) });
}

function record(kind: Kind, id: number, value: Buffer): Buffer {
  if (!Number.isInteger(id) || id < 0 || id > 0xffff) encodeFail(`identifier ${id} outside 0..65535`);
  if (value.length > MAX_LENGTH) encodeFail(`value of ${value.length} bytes exceeds the TLV maximum ${MAX_LENGTH}`);
  const idWidth = id > 0xff ? 2 : 1;
  const lengthWidth = value.length <= 7 ? 0 : value.length <= 0xff ? 1 : value.length <= 0xffff ? 2 : 3;
  const head = Buffer.alloc(1 + idWidth + lengthWidth);
  head[0] = (KIND_BITS[kind] << 6) | (idWidth === 2 ? 0x20 : 0) | (lengthWidth << 3) | (lengthWidth === 0 ? value.length : 0);
  if (idWidth === 2) head.writeUInt16BE(id, 1);
  else head[1] = id;
  if (lengthWidth > 0) head.writeUIntBE(value.length, 1 + idWidth, lengthWidth);
  return Buffer.concat([head, value]);
}

export function encodeTlv(entries: readonly ResourceEntry[], ctx: CodecContext): Buffer {
  const path = ctx.path;
  if (path === undefined) encodeFail('TLV needs a request path');
  for (const e of entries) {
    if (e.path.resourceId === undefined || e.path.instanceId === undefined) encodeFail(`entry ${formatPath(e.path)} is not a resource path`);
    if (!pathContains(path, e.path)) encodeFail(`entry ${formatPath(e.path)} is outside the request path ${formatPath(path)}`);
  }
  switch (pathLevel(path)) {
    case 'resourceInstance': {
      const [only] = entries;
      if (entries.length !== 1 || only === undefined) encodeFail(`a resource instance carries one value, got ${entries.length}`, path);
      return record('resourceInstance', path.resourceInstanceId as number, encodeValue(only, ctx));
    }
    case 'resource':
      return encodeResource(entries, ctx);
    case 'instance':
      return Buffer.concat(groupBy(entries, (e) => e.path.resourceId as number).map(([, group]) => encodeResource(group, ctx)));
    case 'object':
      return Buffer.concat(
        groupBy(entries, (e) => e.path.instanceId as number).map(([instanceId, group]) =>
          record('objectInstance', instanceId, Buffer.concat(groupBy(group, (e) => e.path.resourceId as number).map(([, g]) => encodeResource(g, ctx)))),
        ),
      );
  }
}

/** One resource: a single value record, or a Multiple Resource record when the entries carry instance ids. */
function encodeResource(entries: readonly ResourceEntry[], ctx: CodecContext): Buffer {
  const first = entries[0];
  if (first === undefined) encodeFail('no value for a resource');
  const resourceId = first.path.resourceId as number;
  const withInstance = entries.filter((e) => e.path.resourceInstanceId !== undefined).length;
  if (withInstance === 0) {
    if (entries.length !== 1) encodeFail(`resource ${resourceId} has ${entries.length} values but no resource instance ids`, first.path);
    return record('resource', resourceId, encodeValue(first, ctx));
  }
  if (withInstance !== entries.length) encodeFail(`resource ${resourceId} mixes single and multiple instance values`, first.path);
  const seen = new Set<number>();
  const children = entries.map((e) => {
    const rid = e.path.resourceInstanceId as number;
    if (seen.has(rid)) encodeFail(`resource instance ${rid} given twice`, e.path);
    seen.add(rid);
    return record('resourceInstance', rid, encodeValue(e, ctx));
  });
  return record('multipleResource', resourceId, Buffer.concat(children));
}

function encodeValue(entry: ResourceEntry, ctx: CodecContext): Buffer {
  const { path, value } = entry;
  const modelType = resourceType(ctx, path.objectId, path.resourceId as number);
  const type = modelType ?? inferType(value);
  const wrong = (): never => encodeFail(`${formatPath(path)}: value ${describeValue(value)} does not fit type ${type}`, path);
  switch (type) {
    case 'String':
    case 'Corelnk':
      return typeof value === 'string' ? Buffer.from(value, 'utf8') : wrong();
    case 'Integer':
    case 'Time':
      return typeof value === 'number' && Number.isSafeInteger(value) ? writeInteger(value, true) : wrong();
    case 'Unsigned Integer':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? writeInteger(value, false) : wrong();
    case 'Float':
      return typeof value === 'number' ? writeFloat(value) : wrong();
    case 'Boolean':
      return typeof value === 'boolean' ? Buffer.from([value ? 1 : 0]) : wrong();
    case 'Opaque':
      return Buffer.isBuffer(value) ? Buffer.from(value) : wrong();
    case 'Objlnk': {
      if (!isObjlnk(value)) return wrong();
      const b = Buffer.alloc(4);
      b.writeUInt16BE(value.objectId, 0);
      b.writeUInt16BE(value.instanceId, 2);
      return b;
    }
    case 'none':
      return encodeFail(`${formatPath(path)} is executable and has no value`, path);
  }
}

export function inferType(value: ResourceValue): ResourceType {
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Float';
  if (Buffer.isBuffer(value)) return 'Opaque';
  return 'Objlnk';
}

function writeInteger(v: number, signed: boolean): Buffer {
  const fits = (bits: number): boolean =>
    signed ? v >= -(2 ** (bits - 1)) && v < 2 ** (bits - 1) : v >= 0 && v < 2 ** bits;
  if (fits(8)) return signed ? Buffer.from([v & 0xff]) : Buffer.from([v]);
  if (fits(16)) {
    const b = Buffer.alloc(2);
    if (signed) b.writeInt16BE(v);
    else b.writeUInt16BE(v);
    return b;
  }
  if (fits(32)) {
    const b = Buffer.alloc(4);
    if (signed) b.writeInt32BE(v);
    else b.writeUInt32BE(v);
    return b;
  }
  const b = Buffer.alloc(8);
  if (signed) b.writeBigInt64BE(BigInt(v));
  else b.writeBigUInt64BE(BigInt(v));
  return b;
}

function writeFloat(v: number): Buffer {
  if (Object.is(Math.fround(v), v) || Number.isNaN(v)) {
    const b = Buffer.alloc(4);
    b.writeFloatBE(v);
    return b;
  }
  const b = Buffer.alloc(8);
  b.writeDoubleBE(v);
  return b;
}

function groupBy<K>(entries: readonly ResourceEntry[], key: (e: ResourceEntry) => K): Array<[K, ResourceEntry[]]> {
  const groups = new Map<K, ResourceEntry[]>();
  for (const e of entries) {
    const k = key(e);
    const g = groups.get(k);
    if (g) g.push(e);
    else groups.set(k, [e]);
  }
  return [...groups];
}

function describeValue(v: ResourceValue): string {
  if (Buffer.isBuffer(v)) return `<${v.length} bytes>`;
  if (isObjlnk(v)) return `${v.objectId}:${v.instanceId}`;
  return JSON.stringify(v);
}
