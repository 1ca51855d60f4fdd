import type { ResourceType } from '../values.ts';
import type { RangeEnumeration } from './types.ts';

const NUMBER = '(-?\\d+(?:\\.\\d+)?)';
const RANGE = new RegExp(`^${NUMBER}\\s*(?:\\.\\.|-)\\s*${NUMBER}$`);
const BITS = /^(\d+)\s*-?\s*bits?$/i;
const BYTES = /^([\d\s.,-]+?)\s*bytes?$/i;

function isLengthType(type: ResourceType): boolean {
  return type === 'String' || type === 'Opaque' || type === 'Corelnk';
}

/**
 * Reads a DDF RangeEnumeration text ("0-255", "1..65534", "0-255 bytes", "6 bytes", "16-32-48 bytes",
 * "16-bit", "U,UQ,S") for a resource of the given type. Returns undefined for an empty text.
 */
export function parseRangeEnumeration(text: string, type: ResourceType): RangeEnumeration | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const bits = BITS.exec(t);
  if (bits && !isLengthType(type)) return { kind: 'range', min: 0, max: 2 ** Number(bits[1]) - 1, text: t };
  const bytes = BYTES.exec(t);
  if (bytes) {
    const sizes = (bytes[1] ?? '').split(/\s*(?:\.\.|-|,)\s*/).filter((s) => s !== '').map(Number);
    if (sizes.length > 0 && sizes.every((n) => Number.isInteger(n))) {
      const min = Math.min(...sizes);
      const max = Math.max(...sizes);
      // "16-32-48 bytes" lists allowed sizes; "0-255 bytes" is a span.
      return sizes.length > 2 ? { kind: 'length', min, max, allowed: sizes, text: t } : { kind: 'length', min, max, text: t };
    }
  }
  const range = RANGE.exec(t);
  if (range) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    if (min <= max) return isLengthType(type) ? { kind: 'length', min, max, text: t } : { kind: 'range', min, max, text: t };
  }
  if (/^[\w.+-]+(\s*,\s*[\w.+-]+)+$/.test(t)) return { kind: 'enumeration', values: t.split(/\s*,\s*/), text: t };
  return { kind: 'unparsed', text: t };
}
