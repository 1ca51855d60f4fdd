import { HarnessError } from '../../errors.ts';
import { decodeUtf8 } from './context.ts';

/*
 * A small, strict CBOR (RFC 8949) encoder and decoder: all major types, definite and indefinite lengths on
 * decode, the shortest heads on encode, half/single/double floats on decode. Map keys keep insertion order
 * on encode (SenML CBOR examples rely on that). Anything malformed is a CborError with its byte offset.
 */

export class CborTag {
  constructor(readonly tag: number | bigint, readonly value: CborValue) {}
}

/** A simple value other than false/true/null/undefined. */
export class CborSimple {
  constructor(readonly value: number) {}
}

/** Encode hint: write this number as a float even when it is integral. */
export class CborFloat {
  constructor(readonly value: number) {}
}

export type CborValue =
  | number
  | bigint
  | string
  | Buffer
  | boolean
  | null
  | undefined
  | CborValue[]
  | Map<CborValue, CborValue>
  | CborTag
  | CborSimple
  | CborFloat;

export class CborError extends HarnessError {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`CBOR: ${message} (at offset ${offset})`, { origin: 'device', context: { offset } });
    this.offset = offset;
  }
}

// ---------------------------------------------------------------- encode

export function encodeCbor(value: CborValue): Buffer {
  const chunks: Buffer[] = [];
  write(value, chunks, 0);
  return Buffer.concat(chunks);
}

const MAX_ENCODE_DEPTH = 256;

function head(major: number, n: number | bigint): Buffer {
  const m = major << 5;
  if (typeof n === 'number' && n < 24) return Buffer.from([m | n]);
  if (typeof n === 'number' && n < 0x100) return Buffer.from([m | 24, n]);
  if (typeof n === 'number' && n < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = m | 25;
    b.writeUInt16BE(n, 1);
    return b;
  }
  if (typeof n === 'number' && n < 0x100000000) {
    const b = Buffer.alloc(5);
    b[0] = m | 26;
    b.writeUInt32BE(n, 1);
    return b;
  }
  const big = BigInt(n);
  if (big < 0n || big > 0xffffffffffffffffn) throw new RangeError(`CBOR argument ${big} out of range`);
  if (big < 0x100000000n) return head(major, Number(big));
  const b = Buffer.alloc(9);
  b[0] = m | 27;
  b.writeBigUInt64BE(big, 1);
  return b;
}

function writeFloat(v: number, chunks: Buffer[]): void {
  if (Number.isNaN(v)) chunks.push(Buffer.from([0xf9, 0x7e, 0x00]));
  else if (v === Infinity) chunks.push(Buffer.from([0xf9, 0x7c, 0x00]));
  else if (v === -Infinity) chunks.push(Buffer.from([0xf9, 0xfc, 0x00]));
  else if (Object.is(v, -0)) chunks.push(Buffer.from([0xf9, 0x80, 0x00]));
  else if (Object.is(Math.fround(v), v)) {
    const b = Buffer.alloc(5);
    b[0] = 0xfa;
    b.writeFloatBE(v, 1);
    chunks.push(b);
  } else {
    const b = Buffer.alloc(9);
    b[0] = 0xfb;
    b.writeDoubleBE(v, 1);
    chunks.push(b);
  }
}

function write(value: CborValue, chunks: Buffer[], depth: number): void {
  if (depth > MAX_ENCODE_DEPTH) throw new RangeError('CBOR value nested too deeply');
  if (value === false) chunks.push(Buffer.from([0xf4]));
  else if (value === true) chunks.push(Buffer.from([0xf5]));
  else if (value === null) chunks.push(Buffer.from([0xf6]));
  else if (value === undefined) chunks.push(Buffer.from([0xf7]));
  else if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && !Object.is(value, -0)) {
      chunks.push(value >= 0 ? head(0, value) : head(1, -1 - value));
    } else writeFloat(value, chunks);
  } else if (typeof value === 'bigint') {
    chunks.push(value >= 0n ? head(0, value) : head(1, -1n - value));
  } else if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    chunks.push(head(3, bytes.length), bytes);
  } else if (Buffer.isBuffer(value)) {
    chunks.push(head(2, value.length), value);
  } else if (Array.isArray(value)) {
    chunks.push(head(4, value.length));
    for (const item of value) write(item, chunks, depth + 1);
  } else if (value instanceof Map) {
    chunks.push(head(5, value.size));
    for (const [k, v] of value) {
      write(k, chunks, depth + 1);
      write(v, chunks, depth + 1);
    }
  } else if (value instanceof CborTag) {
    chunks.push(head(6, value.tag));
    write(value.value, chunks, depth + 1);
  } else if (value instanceof CborSimple) {
    if (!Number.isInteger(value.value) || value.value < 0 || value.value > 255 || (value.value >= 20 && value.value < 32)) {
      throw new RangeError(`CBOR simple value ${value.value} cannot be encoded`);
    }
    chunks.push(value.value < 24 ? Buffer.from([0xe0 | value.value]) : Buffer.from([0xf8, value.value]));
  } else if (value instanceof CborFloat) {
    writeFloat(value.value, chunks);
  } else {
    throw new TypeError('not a CBOR value');
  }
}

// ---------------------------------------------------------------- decode

const BREAK = Symbol('break');
const MAX_DEPTH = 64;

/** Decodes exactly one CBOR item filling the whole buffer. */
export function decodeCbor(buf: Buffer): CborValue {
  const reader = new Reader(buf);
  if (buf.length === 0) throw new CborError('empty input', 0);
  const value = reader.item(0);
  if (value === BREAK) throw new CborError('unexpected break code', 0);
  if (reader.pos !== buf.length) throw new CborError(`${buf.length - reader.pos} byte(s) after the item`, reader.pos);
  return value;
}

class Reader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}

  private need(n: number, what: string): void {
    if (this.pos + n > this.buf.length) throw new CborError(`${what} truncated: need ${n} byte(s), ${this.buf.length - this.pos} left`, this.pos);
  }

  /** The argument of a head; -1 for indefinite length (ai 31). */
  private argument(ai: number, at: number): number | bigint {
    if (ai < 24) return ai;
    if (ai === 31) return -1;
    if (ai > 27) throw new CborError(`reserved additional information ${ai}`, at);
    const width = 1 << (ai - 24);
    this.need(width, 'argument');
    const p = this.pos;
    this.pos += width;
    if (width === 1) return this.buf[p] as number;
    if (width === 2) return this.buf.readUInt16BE(p);
    if (width === 4) return this.buf.readUInt32BE(p);
    const big = this.buf.readBigUInt64BE(p);
    return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }

  /** A length or count, which must fit what is left (each element needs at least one byte). */
  private count(n: number | bigint, perItem: number, at: number): number {
    const left = this.buf.length - this.pos;
    if (typeof n === 'bigint' || n * perItem > left) throw new CborError(`length ${n} exceeds the ${left} byte(s) left`, at);
    return n;
  }

  item(depth: number): CborValue | typeof BREAK {
    if (depth > MAX_DEPTH) throw new CborError(`nesting deeper than ${MAX_DEPTH}`, this.pos);
    this.need(1, 'item');
    const at = this.pos;
    const initial = this.buf[this.pos] as number;
    this.pos++;
    const major = initial >> 5;
    const ai = initial & 0x1f;
    if (major === 7) return this.simple(ai, at);
    const arg = this.argument(ai, at);
    switch (major) {
      case 0:
        if (arg === -1) throw new CborError('indefinite length on an integer', at);
        return arg;
      case 1:
        if (arg === -1) throw new CborError('indefinite length on an integer', at);
        return typeof arg === 'bigint' ? -1n - arg : arg + 1 > Number.MAX_SAFE_INTEGER ? -1n - BigInt(arg) : -1 - arg;
      case 2:
      case 3: {
        const bytes = arg === -1 ? this.chunks(major, depth) : this.bytes(this.count(arg, 1, at));
        if (major === 2) return bytes;
        const text = decodeUtf8(bytes);
        if (text === undefined) throw new CborError('text string is not valid UTF-8', at);
        return text;
      }
      case 4: {
        const out: CborValue[] = [];
        if (arg === -1) {
          for (;;) {
            const v = this.item(depth + 1);
            if (v === BREAK) return out;
            out.push(v);
          }
        }
        const n = this.count(arg, 1, at);
        for (let k = 0; k < n; k++) out.push(this.element(depth, at));
        return out;
      }
      case 5: {
        const out = new Map<CborValue, CborValue>();
        const seen = new Set<string>();
        const add = (key: CborValue, keyAt: number): void => {
          const id = keyIdentity(key);
          if (id !== undefined) {
            if (seen.has(id)) throw new CborError('duplicate map key', keyAt);
            seen.add(id);
          }
          out.set(key, this.element(depth, at));
        };
        if (arg === -1) {
          for (;;) {
            const keyAt = this.pos;
            const key = this.item(depth + 1);
            if (key === BREAK) return out;
            add(key, keyAt);
          }
        }
        const n = this.count(arg, 2, at);
        for (let k = 0; k < n; k++) {
          const keyAt = this.pos;
          add(this.element(depth, at), keyAt);
        }
        return out;
      }
      default: {
        if (arg === -1) throw new CborError('indefinite length on a tag', at);
        return new CborTag(arg, this.element(depth, at));
      }
    }
  }

  /** An item that may not be a break code (inside definite containers and tags). */
  private element(depth: number, containerAt: number): CborValue {
    const at = this.pos;
    const v = this.item(depth + 1);
    if (v === BREAK) throw new CborError(`break code inside a definite-length item started at ${containerAt}`, at);
    return v;
  }

  private bytes(n: number): Buffer {
    const out = Buffer.from(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }

  /** Indefinite-length byte/text string: definite chunks of the same major type up to a break. */
  private chunks(major: number, depth: number): Buffer {
    const parts: Buffer[] = [];
    for (;;) {
      this.need(1, 'string chunk');
      const chunkAt = this.pos;
      const initial = this.buf[this.pos] as number;
      if (initial === 0xff) {
        this.pos++;
        return Buffer.concat(parts);
      }
      if (initial >> 5 !== major || (initial & 0x1f) === 31) throw new CborError('bad chunk in an indefinite-length string', chunkAt);
      const chunk = this.item(depth + 1);
      if (typeof chunk === 'string') parts.push(Buffer.from(chunk, 'utf8'));
      else parts.push(chunk as Buffer);
    }
  }

  private simple(ai: number, at: number): CborValue | typeof BREAK {
    switch (ai) {
      case 20: return false;
      case 21: return true;
      case 22: return null;
      case 23: return undefined;
      case 24: {
        this.need(1, 'simple value');
        const v = this.buf[this.pos] as number;
        this.pos++;
        if (v < 32) throw new CborError(`simple value ${v} in the two-byte form`, at);
        return new CborSimple(v);
      }
      case 25: {
        this.need(2, 'half float');
        const v = halfToNumber(this.buf.readUInt16BE(this.pos));
        this.pos += 2;
        return v;
      }
      case 26: {
        this.need(4, 'float');
        const v = this.buf.readFloatBE(this.pos);
        this.pos += 4;
        return v;
      }
      case 27: {
        this.need(8, 'double');
        const v = this.buf.readDoubleBE(this.pos);
        this.pos += 8;
        return v;
      }
      case 31:
        return BREAK;
      default:
        if (ai < 20) return new CborSimple(ai);
        throw new CborError(`reserved additional information ${ai}`, at);
    }
  }
}

function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** A comparable identity for primitive keys (duplicates among them are an error); undefined for containers. */
function keyIdentity(key: CborValue): string | undefined {
  if (typeof key === 'number' || typeof key === 'bigint') return `n:${String(key)}`;
  if (typeof key === 'string') return `s:${key}`;
  if (Buffer.isBuffer(key)) return `b:${key.toString('hex')}`;
  if (typeof key === 'boolean' || key === null || key === undefined) return `p:${String(key)}`;
  return undefined;
}
