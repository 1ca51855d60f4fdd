import { parsePath, type LwM2MPath } from '../path.ts';
import { ContentFormat } from '../values.ts';
import { ContentDecodeError } from './errors.ts';

/**
 * CoRE Link Format (RFC 6690) as LwM2M uses it: Register/Update object lists (`</1/0>,</3/0>`), the root
 * link (`</>;rt="oma.lwm2m";ct=11543`) and Discover answers with attributes (`</3/0/1>;pmin=10`, `;dim=3`).
 */
export interface Link {
  /** The target between the angle brackets, e.g. "/3/0". */
  uri: string;
  /** Parameters in the order given; a parameter without "=value" (e.g. `obs`) is `true`. Quotes are removed. */
  params: Record<string, string | true>;
}

export class LinkFormatError extends ContentDecodeError {
  constructor(message: string, offset: number) {
    super(ContentFormat.LINK, `link format: ${message}`, { offset });
  }
}

const WS = new Set([' ', '\t', '\r', '\n']);
// RFC 5987 parmname characters (plus '*' for extended names such as title*).
const NAME_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~*]/;
// Characters a value may have without quotes (RFC 6690 ptoken, a little wider: ':' and '/' for URIs).
const TOKEN_VALUE = /^[A-Za-z0-9!#$%&'()*+\-.:/<=>?@[\]^_`{|}~]+$/;
const MAX_PAYLOAD = 1 << 20;

/** Parses a link-format payload. Whitespace (including line breaks) between elements is allowed. */
export function parseLinkFormat(payload: string | Buffer): Link[] {
  const text = typeof payload === 'string' ? payload : payload.toString('utf8');
  if (text.length > MAX_PAYLOAD) throw new LinkFormatError(`payload larger than ${MAX_PAYLOAD} characters`, 0);
  const links: Link[] = [];
  let i = 0;
  const skipWs = (): void => {
    while (i < text.length && WS.has(text[i] as string)) i++;
  };
  skipWs();
  if (i === text.length) return links;
  for (;;) {
    skipWs();
    if (text[i] !== '<') throw new LinkFormatError(`expected '<' to start a link, found ${show(text, i)}`, i);
    const close = text.indexOf('>', i + 1);
    if (close < 0) throw new LinkFormatError(`unterminated '<'`, i);
    const uri = text.slice(i + 1, close);
    if (/[\s<"]/.test(uri)) throw new LinkFormatError(`invalid character in link target '${uri}'`, i + 1);
    i = close + 1;
    const link: Link = { uri, params: {} };
    for (;;) {
      skipWs();
      if (text[i] !== ';') break;
      i++;
      skipWs();
      const nameStart = i;
      while (i < text.length && NAME_CHAR.test(text[i] as string)) i++;
      if (i === nameStart) throw new LinkFormatError(`expected a parameter name, found ${show(text, i)}`, i);
      const name = text.slice(nameStart, i).toLowerCase();
      skipWs();
      let value: string | true = true;
      if (text[i] === '=') {
        i++;
        skipWs();
        value = text[i] === '"' ? readQuoted() : readToken();
      }
      // A repeated parameter keeps its first value (RFC 6690 allows repeats only for a few relation params).
      if (!(name in link.params)) link.params[name] = value;
    }
    links.push(link);
    skipWs();
    if (i === text.length) return links;
    if (text[i] !== ',') throw new LinkFormatError(`expected ',' or ';', found ${show(text, i)}`, i);
    i++;
    skipWs();
    if (i === text.length) throw new LinkFormatError(`expected a link after ','`, i);
  }

  function readQuoted(): string {
    const start = i;
    i++;
    let out = '';
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        if (i + 1 >= text.length) break;
        out += text[i + 1];
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
    throw new LinkFormatError('unterminated quoted value', start);
  }

  function readToken(): string {
    const start = i;
    while (i < text.length && !WS.has(text[i] as string) && text[i] !== ';' && text[i] !== ',' && text[i] !== '"') i++;
    if (i === start) throw new LinkFormatError(`expected a parameter value, found ${show(text, i)}`, i);
    return text.slice(start, i);
  }
}

/** Parameters that are always written quoted (RFC 6690 defines them as quoted strings). */
const ALWAYS_QUOTED = new Set(['rt', 'if', 'title', 'anchor', 'rel', 'rev']);

/** Writes links as `<uri>;name=value,...`; values are quoted where RFC 6690 wants it or the text needs it. */
export function formatLinkFormat(links: readonly Link[]): string {
  return links
    .map((link) => {
      let out = `<${link.uri}>`;
      for (const [name, value] of Object.entries(link.params)) {
        if (value === true) out += `;${name}`;
        else if (ALWAYS_QUOTED.has(name) || !TOKEN_VALUE.test(value)) out += `;${name}="${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
        else out += `;${name}=${value}`;
      }
      return out;
    })
    .join(',');
}

/**
 * The LwM2M path a link names, relative to the client's root path ("/" or an alternate one such as
 * "/lwm2m"). Undefined for links that are not numeric object paths (e.g. the root link itself).
 */
export function linkPath(link: Link, rootPath = '/'): LwM2MPath | undefined {
  const root = rootPath.replace(/\/+$/, '');
  let uri = link.uri;
  if (root !== '') {
    if (uri !== root && !uri.startsWith(`${root}/`)) return undefined;
    uri = uri.slice(root.length);
  }
  try {
    return parsePath(uri);
  } catch {
    return undefined;
  }
}

/** The alternate root path a Register payload announces with `rt="oma.lwm2m"`, or "/" when none. */
export function rootPathOf(links: readonly Link[]): string {
  const root = links.find((l) => l.params['rt'] === 'oma.lwm2m');
  return root === undefined || root.uri === '' ? '/' : root.uri;
}

function show(text: string, i: number): string {
  return i >= text.length ? 'end of payload' : `'${text.slice(i, i + 10)}'`;
}
