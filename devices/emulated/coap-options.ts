/**
 * Reading options from node-coap's parsed packets. node-coap converts some option values in place when it
 * builds an IncomingMessage (Content-Format and Accept become media-type names, Location-Path a string),
 * so these helpers accept every shape it leaves behind.
 */
type LooseOption = { name: number | string; value: unknown };

/** Media-type names node-coap substitutes for the Content-Format numbers LwM2M uses. */
const FORMAT_BY_NAME: Readonly<Record<string, number>> = {
  'text/plain': 0,
  'application/link-format': 40,
  'application/octet-stream': 42,
  'application/json': 50,
  'application/cbor': 60,
  'application/senml+json': 110,
  'application/senml+cbor': 112,
  'application/vnd.oma.lwm2m+tlv': 11542,
  'application/vnd.oma.lwm2m+json': 11543,
  'application/vnd.oma.lwm2m+cbor': 11544,
};

export function optionText(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (value === null || value === undefined) return '';
  return String(value);
}

export function optionTexts(options: readonly LooseOption[] | undefined, name: string): string[] {
  return (options ?? []).filter((o) => o.name === name).map((o) => optionText(o.value));
}

export function contentFormatNumber(options: readonly LooseOption[] | undefined, name: 'Content-Format' | 'Accept'): number | undefined {
  const option = (options ?? []).find((o) => o.name === name);
  if (!option) return undefined;
  const v = option.value;
  if (typeof v === 'number') return v;
  if (Buffer.isBuffer(v)) return v.length === 0 ? 0 : v.readUIntBE(0, Math.min(v.length, 6));
  if (typeof v === 'string') return FORMAT_BY_NAME[v] ?? (/^\d+$/.test(v) ? Number(v) : undefined);
  return undefined;
}
