/**
 * A deliberately permissive CoAP writer for fuzzing: any version, type, token length, code and option list,
 * with option numbers and lengths written exactly as asked (so reserved nibbles and huge values can be made).
 * Independent of harness/coap's codec, which is one of the things under test.
 */
export interface RawOption {
  number: number;
  value: Buffer;
}

export interface RawMessage {
  version?: number;
  /** 0 CON, 1 NON, 2 ACK, 3 RST. */
  type: number;
  code: number;
  messageId: number;
  token: Buffer;
  /** Token length written in the header (default token.length; 9-15 are invalid). */
  tokenLengthField?: number;
  options: RawOption[];
  payload?: Buffer;
}

export function code(cls: number, detail: number): number {
  return ((cls & 0x7) << 5) | (detail & 0x1f);
}

/** Delta or length as a nibble plus its extension bytes (RFC 7252 §3.1). */
function extended(n: number): { nibble: number; ext: Buffer } {
  if (n < 13) return { nibble: n, ext: Buffer.alloc(0) };
  if (n < 269) return { nibble: 13, ext: Buffer.from([n - 13]) };
  const b = Buffer.alloc(2);
  b.writeUInt16BE(Math.min(0xffff, n - 269));
  return { nibble: 14, ext: b };
}

export function encodeOptions(options: readonly RawOption[]): Buffer {
  const sorted = [...options].sort((a, b) => a.number - b.number);
  const parts: Buffer[] = [];
  let previous = 0;
  for (const option of sorted) {
    const delta = extended(option.number - previous);
    const length = extended(option.value.length);
    parts.push(Buffer.from([(delta.nibble << 4) | length.nibble]), delta.ext, length.ext, option.value);
    previous = option.number;
  }
  return Buffer.concat(parts);
}

export function encodeRaw(m: RawMessage): Buffer {
  const tkl = m.tokenLengthField ?? m.token.length;
  const header = Buffer.alloc(4);
  header[0] = (((m.version ?? 1) & 0x3) << 6) | ((m.type & 0x3) << 4) | (tkl & 0xf);
  header[1] = m.code & 0xff;
  header.writeUInt16BE(m.messageId & 0xffff, 2);
  const payload = m.payload && m.payload.length > 0 ? Buffer.concat([Buffer.from([0xff]), m.payload]) : Buffer.alloc(0);
  return Buffer.concat([header, m.token, encodeOptions(m.options), payload]);
}

export const Opt = { observe: 6, locationPath: 8, uriPath: 11, contentFormat: 12, uriQuery: 15, accept: 17, block2: 23, block1: 27, size1: 60 } as const;

export function uint(value: number): Buffer {
  const bytes: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from(bytes);
}

export function pathOptions(segments: readonly string[]): RawOption[] {
  return segments.map((s) => ({ number: Opt.uriPath, value: Buffer.from(s) }));
}

export function queryOptions(items: readonly string[]): RawOption[] {
  return items.map((s) => ({ number: Opt.uriQuery, value: Buffer.from(s) }));
}
