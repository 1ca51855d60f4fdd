import { ContentFormat, type ResourceEntry } from '../values.ts';
import { decodeBase64UrlStrict, type CodecContext } from './context.ts';
import { ContentDecodeError } from './errors.ts';
import { parseJson } from './oma-json.ts';
import { entriesToRecords, recordsToEntries, type SenmlRecord } from './senml.ts';

/** SenML JSON (RFC 8428 §5, content format 110) with LwM2M 1.1 names; "vd" is base64url without padding. */
const F = ContentFormat.SENML_JSON;

export function encodeSenmlJson(entries: readonly ResourceEntry[], ctx: CodecContext): Buffer {
  const records = entriesToRecords(F, entries, ctx).map((r) => {
    // Fixed key order: bn, bt, n, value, t (the order of the TS examples).
    const out: Record<string, unknown> = {};
    if (r.bn !== undefined) out['bn'] = r.bn;
    if (r.bt !== undefined) out['bt'] = r.bt;
    if (r.n !== undefined) out['n'] = r.n;
    if (r.v !== undefined) out['v'] = r.v;
    if (r.vs !== undefined) out['vs'] = r.vs;
    if (r.vb !== undefined) out['vb'] = r.vb;
    if (r.vd !== undefined) out['vd'] = r.vd.toString('base64url');
    if (r.vlo !== undefined) out['vlo'] = r.vlo;
    if (r.t !== undefined) out['t'] = r.t;
    return out;
  });
  return Buffer.from(JSON.stringify(records), 'utf8');
}

export function decodeSenmlJson(payload: Buffer, ctx: CodecContext): ResourceEntry[] {
  const doc = parseJson(F, payload);
  if (!Array.isArray(doc)) throw new ContentDecodeError(F, 'SenML JSON: the payload is not a JSON array');
  return recordsToEntries(F, doc.map((raw, i) => readRecord(raw, i)), ctx);
}

function readRecord(raw: unknown, i: number): SenmlRecord {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ContentDecodeError(F, `SenML JSON: record ${i} is not an object`);
  const rec: SenmlRecord = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const wrong = (kind: string): never => {
      throw new ContentDecodeError(F, `SenML JSON: record ${i}: "${key}" must be ${kind}`);
    };
    const num = (): number => (typeof value === 'number' && Number.isFinite(value) ? value : wrong('a number'));
    const str = (): string => (typeof value === 'string' ? value : wrong('a string'));
    switch (key) {
      case 'bn': rec.bn = str(); break;
      case 'bt': rec.bt = num(); break;
      case 'bv': rec.bv = num(); break;
      case 'n': rec.n = str(); break;
      case 'v': rec.v = num(); break;
      case 'vs': rec.vs = str(); break;
      case 'vb': rec.vb = typeof value === 'boolean' ? value : wrong('a boolean'); break;
      case 'vd': rec.vd = decodeBase64UrlStrict(str()) ?? wrong('base64url'); break;
      case 'vlo': rec.vlo = str(); break;
      case 't': rec.t = num(); break;
      case 'bver': num(); break;
      case 'bu': case 'u': str(); break;
      case 'bs': case 's': case 'ut': num(); break;
      default:
        // RFC 8428 §4.4: a field name ending in "_" must be understood; others may be ignored.
        if (key.endsWith('_')) throw new ContentDecodeError(F, `SenML JSON: record ${i}: unsupported must-understand field "${key}"`);
    }
  }
  return rec;
}
