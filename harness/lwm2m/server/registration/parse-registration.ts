import { InputError } from '../../../errors.ts';
import { parsePath } from '../../path.ts';
import { ContentFormat } from '../../values.ts';
import { ProtocolViolation } from '../protocol-error.ts';
import { parseLinkList } from './link-list.ts';
import type { LwM2MVersion, ObjectLink, RegisterParams, UpdateParams } from './registration.ts';

/** The TS default when a Register leaves out `lt`. */
export const DEFAULT_LIFETIME_S = 86400;

const BINDINGS_1_0 = new Set(['U', 'UQ', 'S', 'SQ', 'US', 'UQS']);
/** 1.1 binding letters (UDP, SMS, Non-IP, TCP); queue mode is the separate `Q` parameter. */
const BINDING_LETTERS_1_1 = new Set(['U', 'S', 'N', 'T']);
const SUPPORTED_VERSIONS = new Set<string>(['1.0', '1.1']);

interface QueryMap {
  values: Map<string, string | true>;
  unknown: string[];
}

/** Splits Uri-Query items into a map; a repeated parameter is ambiguous and answered with 4.00. */
function readQuery(query: readonly string[], known: ReadonlySet<string>): QueryMap {
  const values = new Map<string, string | true>();
  const unknown: string[] = [];
  for (const item of query) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    const value: string | true = eq < 0 ? true : item.slice(eq + 1);
    if (values.has(name)) throw new ProtocolViolation(`query parameter '${name}' given twice`, '4.00', { query });
    values.set(name, value);
    if (!known.has(name)) unknown.push(name);
  }
  return { values, unknown };
}

function textParam(q: QueryMap, name: string): string | undefined {
  const v = q.values.get(name);
  if (v === undefined) return undefined;
  if (v === true) throw new ProtocolViolation(`query parameter '${name}' has no value`, '4.00');
  return v;
}

function parseLifetime(text: string): number {
  if (!/^\d{1,10}$/.test(text) || Number(text) <= 0) {
    throw new ProtocolViolation(`lifetime 'lt=${text}' is not a positive integer`, '4.00', { lt: text });
  }
  return Number(text);
}

function parseBinding(text: string, version: LwM2MVersion): string {
  if (version === '1.0') {
    if (!BINDINGS_1_0.has(text)) throw new ProtocolViolation(`binding 'b=${text}' is not a LwM2M 1.0 binding mode`, '4.00', { b: text });
    return text;
  }
  const letters = [...text];
  const valid = letters.length > 0 && letters.every((l) => BINDING_LETTERS_1_1.has(l)) && new Set(letters).size === letters.length;
  if (!valid) throw new ProtocolViolation(`binding 'b=${text}' is not a LwM2M 1.1 binding`, '4.00', { b: text });
  return text;
}

/** Queue mode is 'Q' in the 1.0 binding, and the `Q` query parameter in 1.1. */
function queueModeOf(binding: string, version: LwM2MVersion, qParam: boolean): boolean {
  return version === '1.0' ? binding.includes('Q') : qParam;
}

interface ParsedObjectList {
  objectLinks: ObjectLink[];
  rootPath: string;
  contentFormats: number[];
  otherLinks: string[];
  warnings: string[];
}

function stripRoot(target: string, rootPath: string): string | undefined {
  if (rootPath === '/') return target;
  if (target === rootPath) return '/';
  if (target.startsWith(rootPath + '/')) return target.slice(rootPath.length);
  return undefined;
}

function parseContentFormats(value: string | true | undefined): number[] {
  if (value === undefined || value === true) return [];
  return value
    .split(/\s+/)
    .filter((s) => /^\d+$/.test(s))
    .map(Number);
}

/** Reads the object list of a Register or Update payload (`</>;rt="oma.lwm2m",</1/0>,</3/0>,</5>;ver=1.1`). */
export function parseObjectList(payload: Buffer, contentFormat: number | undefined): ParsedObjectList {
  const warnings: string[] = [];
  if (contentFormat !== undefined && contentFormat !== ContentFormat.LINK) {
    throw new ProtocolViolation(`object list has Content-Format ${contentFormat}, not link format (40)`, '4.00', { contentFormat });
  }
  if (contentFormat === undefined && payload.length > 0) warnings.push('object list sent without Content-Format 40');
  let links;
  try {
    links = parseLinkList(payload.toString('utf8'));
  } catch (err) {
    throw new ProtocolViolation(`object list is not link format: ${(err as Error).message}`, '4.00');
  }
  const root = links.find((l) => l.attributes['rt'] === 'oma.lwm2m');
  let rootPath = '/';
  if (root !== undefined) {
    rootPath = root.target.length > 1 ? root.target.replace(/\/+$/, '') : '/';
  }
  const contentFormats = parseContentFormats(root?.attributes['ct']);
  const objectLinks: ObjectLink[] = [];
  const otherLinks: string[] = [];
  for (const link of links) {
    if (link === root) continue;
    const relative = stripRoot(link.target, rootPath);
    let path;
    try {
      path = relative === undefined || relative === '/' ? undefined : parsePath(relative);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      path = undefined;
    }
    if (path === undefined || path.resourceId !== undefined) {
      otherLinks.push(link.target);
      warnings.push(`link <${link.target}> is not an object or object instance under the root path '${rootPath}'`);
      continue;
    }
    const ver = link.attributes['ver'];
    const objectLink: ObjectLink = { path, attributes: link.attributes };
    if (typeof ver === 'string') objectLink.version = ver;
    objectLinks.push(objectLink);
  }
  return { objectLinks, rootPath, contentFormats, otherLinks, warnings };
}

const REGISTER_PARAMS = new Set(['ep', 'lt', 'lwm2m', 'b', 'sms', 'Q']);
const UPDATE_PARAMS = new Set(['lt', 'b', 'sms', 'Q']);

/** Validates a Register (POST /rd?ep=..): throws ProtocolViolation with the response code to send. */
export function parseRegister(query: readonly string[], payload: Buffer, contentFormat: number | undefined): RegisterParams {
  const q = readQuery(query, REGISTER_PARAMS);
  const warnings = q.unknown.map((name) => `unknown Register parameter '${name}'`);
  const endpoint = textParam(q, 'ep');
  if (endpoint === undefined || endpoint.length === 0) throw new ProtocolViolation('Register without an endpoint name (ep)', '4.00', { query });
  const versionText = textParam(q, 'lwm2m');
  let version: LwM2MVersion = '1.0';
  if (versionText === undefined) warnings.push('Register without lwm2m= version; assuming 1.0');
  else if (!SUPPORTED_VERSIONS.has(versionText)) {
    throw new ProtocolViolation(`unsupported LwM2M version 'lwm2m=${versionText}'`, '4.00', { lwm2m: versionText });
  } else version = versionText as LwM2MVersion;
  const ltText = textParam(q, 'lt');
  const lifetime = ltText === undefined ? DEFAULT_LIFETIME_S : parseLifetime(ltText);
  const bText = textParam(q, 'b');
  const binding = bText === undefined ? 'U' : parseBinding(bText, version);
  const qParam = q.values.get('Q') !== undefined;
  if (qParam && version === '1.0') warnings.push("'Q' parameter is LwM2M 1.1; a 1.0 client puts Q in the binding");
  const list = parseObjectList(payload, contentFormat);
  if (list.objectLinks.length === 0) warnings.push('Register carries no object list');
  const params: RegisterParams = {
    endpoint,
    lifetime,
    version,
    binding,
    queueMode: queueModeOf(binding, version, qParam),
    objectLinks: list.objectLinks,
    rootPath: list.rootPath,
    contentFormats: list.contentFormats,
    otherLinks: list.otherLinks,
    warnings: [...warnings, ...list.warnings],
  };
  const sms = textParam(q, 'sms');
  if (sms !== undefined) params.sms = sms;
  if (binding.includes('S') && sms === undefined) params.warnings.push(`binding '${binding}' has SMS but no sms= number`);
  return params;
}

/** Validates an Update (POST /rd/{id}?lt=..&b=..&sms=..) for a client of `version`. */
export function parseUpdate(
  query: readonly string[],
  payload: Buffer,
  contentFormat: number | undefined,
  version: LwM2MVersion,
): UpdateParams {
  const q = readQuery(query, UPDATE_PARAMS);
  const update: UpdateParams = { warnings: q.unknown.map((name) => `unknown Update parameter '${name}'`) };
  const ltText = textParam(q, 'lt');
  if (ltText !== undefined) update.lifetime = parseLifetime(ltText);
  const bText = textParam(q, 'b');
  if (bText !== undefined) {
    update.binding = parseBinding(bText, version);
    if (version === '1.0') update.queueMode = bText.includes('Q');
  }
  if (version === '1.1' && q.values.get('Q') !== undefined) update.queueMode = true;
  const sms = textParam(q, 'sms');
  if (sms !== undefined) update.sms = sms;
  if (payload.length > 0) {
    const list = parseObjectList(payload, contentFormat);
    update.objectLinks = list.objectLinks;
    update.rootPath = list.rootPath;
    update.contentFormats = list.contentFormats;
    update.warnings.push(...list.warnings);
  }
  return update;
}
