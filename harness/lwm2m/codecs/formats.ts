import { ContentFormat } from '../values.ts';

/** Legacy numbers from LwM2M 1.0 drafts that some devices still send. */
const LEGACY: Record<number, number> = {
  [ContentFormat.LEGACY_TEXT]: ContentFormat.TEXT,
  [ContentFormat.LEGACY_TLV]: ContentFormat.TLV,
  [ContentFormat.LEGACY_JSON]: ContentFormat.OMA_JSON,
};

/** The registered number for a content format (1541 -> 0, 1542 -> 11542, 1543 -> 11543; others unchanged). */
export function normalizeContentFormat(format: number): number {
  return LEGACY[format] ?? format;
}

/** Formats encodeContent/decodeContent handle (after normalisation). Link format (40) has its own API. */
export const VALUE_FORMATS: readonly number[] = [
  ContentFormat.TEXT,
  ContentFormat.OPAQUE,
  ContentFormat.TLV,
  ContentFormat.OMA_JSON,
  ContentFormat.SENML_JSON,
  ContentFormat.SENML_CBOR,
];

export function isSupportedContentFormat(format: number): boolean {
  return VALUE_FORMATS.includes(normalizeContentFormat(format));
}
