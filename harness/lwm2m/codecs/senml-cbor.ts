import { ContentFormat, type ResourceEntry } from '../values.ts';
import type { CodecContext } from './context.ts';
import { CborError, CborFloat, decodeCbor, encodeCbor, type CborValue } from './cbor.ts';
import { ContentDecodeError } from './errors.ts';
import { entriesToRecords, recordsToEntries, type SenmlRecord } from './senml.ts';

/**
 * SenML CBOR (RFC 8428 §6, content format 112): records are maps with the integer labels of RFC 8428
 * Table 4; "vlo" (LwM2M 1.1 Objlnk) has no label and is the text key "vlo". "vd" is a byte string.
 */
const F = ContentFormat.SENML_CBOR;

const LABEL = { bver: -1, bn: -2, bt: -3, bu: -4, bv: -5, bs: -6, n: 0, u: 1, v: 2, vs: 3, vb: 4, s: 5, t: 6, ut: 7, vd: 8 } as const;

export function encodeSenmlCbor(entries: readonly ResourceEntry[], ctx: CodecContext): Buffer {
  const records = entriesToRecords(F, entries, ctx).map((r) => {
    // Key order bn, bt, n, value, t, as in the TS examples.
    const m = new Map<CborValue, CborValue>();
    if (r.bn !== undefined) m.set(LABEL.bn, r.bn);
    if (r.bt !== undefined) m.set(LABEL.bt, r.bt);
    if (r.n !== undefined) m.set(LABEL.n, r.n);
    if (r.v !== undefined) m.set(LABEL.v, r.float ? new CborFloat(r.v) : r.v);
    if (r.vs !== undefined) m.set(LABEL.vs, r.vs);
    if (r.vb !== undefined) m.set(LABEL.vb, r.vb);
    if (r.vd !== undefined) m.set(LABEL.vd, r.vd);
    if (r.vlo !== undefined) m.set('vlo', r.vlo);
    if (r.t !== undefined) m.set(LABEL.t, r.t);
    return m;
  });
  return encodeCbor(records);
}

export function decodeSenmlCbor(payload: Buffer, ctx: CodecContext): ResourceEntry[] {
  let doc: CborValue;
  try {
    doc = decodeCbor(payload);
  } catch (err) {
    if (err instanceof CborError) throw new ContentDecodeError(F, `SenML CBOR: ${err.message}`, { offset: err.offset });
    throw err;
  }
  if (!Array.isArray(doc)) throw new ContentDecodeError(F, 'SenML CBOR: the payload is not an array', { offset: 0 });
  return recordsToEntries(F, doc.map((raw, i) => readRecord(raw, i)), ctx);
}

function readRecord(raw: CborValue, i: number): SenmlRecord {
  if (!(raw instanceof Map)) throw new ContentDecodeError(F, `SenML CBOR: record ${i} is not a map`);
  const rec: SenmlRecord = {};
  for (const [key, value] of raw) {
    const wrong = (kind: string): never => {
      throw new ContentDecodeError(F, `SenML CBOR: record ${i}: label ${String(key)} must be ${kind}`);
    };
    const num = (): number => (typeof value === 'number' && Number.isFinite(value) ? value : wrong('a finite number'));
    const str = (): string => (typeof value === 'string' ? value : wrong('a text string'));
    switch (key) {
      case LABEL.bn: rec.bn = str(); break;
      case LABEL.bt: rec.bt = num(); break;
      case LABEL.bv: rec.bv = num(); break;
      case LABEL.n: rec.n = str(); break;
      case LABEL.v: rec.v = num(); break;
      case LABEL.vs: rec.vs = str(); break;
      case LABEL.vb: rec.vb = typeof value === 'boolean' ? value : wrong('a boolean'); break;
      case LABEL.vd: rec.vd = Buffer.isBuffer(value) ? value : wrong('a byte string'); break;
      case 'vlo': rec.vlo = str(); break;
      case LABEL.t: rec.t = num(); break;
      case LABEL.bver: case LABEL.bs: case LABEL.s: case LABEL.ut: num(); break;
      case LABEL.bu: case LABEL.u: str(); break;
      default:
        if (typeof key === 'string' && key.endsWith('_')) {
          throw new ContentDecodeError(F, `SenML CBOR: record ${i}: unsupported must-understand field "${key}"`);
        }
    }
  }
  return rec;
}
