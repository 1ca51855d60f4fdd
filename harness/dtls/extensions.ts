import { Reader, u16, vector } from './reader.ts';
import { DtlsDecodeError } from './errors.ts';

export interface Extension {
  type: number;
  data: Buffer;
}

/** The extensions block after compression methods (absent = no extensions). */
export function parseExtensions(reader: Reader): Extension[] {
  if (reader.remaining === 0) return [];
  const block = new Reader(reader.vector(2), 'extensions');
  const out: Extension[] = [];
  while (block.remaining > 0) out.push({ type: block.u16(), data: block.vector(2) });
  if (new Set(out.map((e) => e.type)).size !== out.length) throw new DtlsDecodeError('extensions (duplicate type)');
  return out;
}

export function encodeExtensions(extensions: Extension[]): Buffer {
  if (extensions.length === 0) return Buffer.alloc(0);
  return vector(Buffer.concat(extensions.map((e) => Buffer.concat([u16(e.type), vector(e.data, 2)]))), 2);
}

export function findExtension(extensions: Extension[], type: number): Extension | undefined {
  return extensions.find((e) => e.type === type);
}
