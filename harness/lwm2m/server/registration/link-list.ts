import { InputError } from '../../../errors.ts';

/**
 * A CoRE link (RFC 6690) as the registration interface needs it: the target and its attributes.
 * Attribute values are unquoted; a flag attribute with no value (e.g. `;obs`) is `true`.
 *
 * The registration parser keeps its own small reader so that it has no dependency on the codecs; the link
 * format of a Register payload is a strict subset of what lwm2m/codecs reads.
 */
export interface LinkEntry {
  target: string;
  attributes: Record<string, string | true>;
}

/** Splits at `sep` outside double quotes and angle brackets. */
function splitOutside(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depthAngle = 0;
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && depthAngle === 0) inQuote = !inQuote;
    else if (!inQuote && c === '<') depthAngle++;
    else if (!inQuote && c === '>') depthAngle = Math.max(0, depthAngle - 1);
    else if (!inQuote && depthAngle === 0 && c === sep) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Reads `</1/0>,</3/0>;ver=1.1,</>;rt="oma.lwm2m"`. Throws InputError naming the bad link. */
export function parseLinkList(text: string): LinkEntry[] {
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  return splitOutside(trimmed, ',').map((raw) => {
    const link = raw.trim();
    const [head, ...params] = splitOutside(link, ';');
    const target = (head ?? '').trim();
    if (!target.startsWith('<') || !target.endsWith('>')) throw new InputError(`not a CoRE link: '${link}'`, { link });
    const attributes: Record<string, string | true> = {};
    for (const param of params) {
      const p = param.trim();
      if (p.length === 0) continue;
      const eq = p.indexOf('=');
      if (eq < 0) {
        attributes[p] = true;
        continue;
      }
      const name = p.slice(0, eq).trim();
      let value = p.slice(eq + 1).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      if (name.length === 0) throw new InputError(`attribute without a name in link '${link}'`, { link });
      attributes[name] = value;
    }
    return { target: target.slice(1, -1), attributes };
  });
}
