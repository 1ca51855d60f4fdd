import { ContentFormat, type ResourceEntry } from '../values.ts';
import type { CodecContext } from './context.ts';
import { ContentDecodeError, UnsupportedContentFormatError } from './errors.ts';
import { normalizeContentFormat } from './formats.ts';
import { decodeOpaque, encodeOpaque } from './opaque.ts';
import { decodeText, encodeText } from './text.ts';
import { decodeTlv, encodeTlv } from './tlv.ts';
import { decodeOmaJson, encodeOmaJson } from './oma-json.ts';
import { decodeSenmlJson, encodeSenmlJson } from './senml-json.ts';
import { decodeSenmlCbor, encodeSenmlCbor } from './senml-cbor.ts';

export type { CodecContext } from './context.ts';
export { ContentDecodeError, ContentEncodeError, UnsupportedContentFormatError } from './errors.ts';
export { normalizeContentFormat, isSupportedContentFormat, VALUE_FORMATS } from './formats.ts';
export { parseLinkFormat, formatLinkFormat, linkPath, rootPathOf, LinkFormatError, type Link } from './link-format.ts';

interface Codec {
  encode(entries: readonly ResourceEntry[], ctx: CodecContext): Buffer;
  decode(payload: Buffer, ctx: CodecContext): ResourceEntry[];
}

const CODECS = new Map<number, Codec>([
  [ContentFormat.TEXT, { encode: encodeText, decode: decodeText }],
  [ContentFormat.OPAQUE, { encode: (e) => encodeOpaque(e), decode: decodeOpaque }],
  [ContentFormat.TLV, { encode: encodeTlv, decode: decodeTlv }],
  [ContentFormat.OMA_JSON, { encode: encodeOmaJson, decode: decodeOmaJson }],
  [ContentFormat.SENML_JSON, { encode: encodeSenmlJson, decode: decodeSenmlJson }],
  [ContentFormat.SENML_CBOR, { encode: encodeSenmlCbor, decode: decodeSenmlCbor }],
]);

function codecFor(format: number): Codec {
  const codec = CODECS.get(normalizeContentFormat(format));
  if (codec === undefined) {
    throw new UnsupportedContentFormatError(
      format,
      format === ContentFormat.LINK ? 'link format is not a value format; use parseLinkFormat/formatLinkFormat' : '',
    );
  }
  return codec;
}

/**
 * Writes resource values in a content format, relative to the request path in `ctx.path`.
 * Throws UnsupportedContentFormatError for formats without a codec, ContentEncodeError for values the
 * format cannot carry.
 */
export function encodeContent(format: number, entries: readonly ResourceEntry[], ctx: CodecContext = {}): Buffer {
  return codecFor(format).encode(entries, ctx);
}

/**
 * Reads a payload into flat resource entries (full resource or resource-instance paths). Accepts the legacy
 * numbers 1541/1542/1543. Any malformed payload gives ContentDecodeError (never another error type).
 */
export function decodeContent(format: number, payload: Buffer, ctx: CodecContext = {}): ResourceEntry[] {
  const codec = codecFor(format);
  try {
    return codec.decode(payload, ctx);
  } catch (err) {
    if (err instanceof ContentDecodeError) throw err;
    // A decoder bug must still surface as a decode failure the server can answer, with the cause kept.
    throw new ContentDecodeError(normalizeContentFormat(format), `decoder failed: ${(err as Error).message}`);
  }
}
