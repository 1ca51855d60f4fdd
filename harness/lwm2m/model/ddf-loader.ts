import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { ResourceType } from '../values.ts';
import { DdfError } from './errors.ts';
import { parseRangeEnumeration } from './range.ts';
import type { ObjectDefinition, Operations, ResourceDefinition } from './types.ts';

const RESOURCE_TYPES: readonly ResourceType[] = [
  'String', 'Integer', 'Unsigned Integer', 'Float', 'Boolean', 'Opaque', 'Time', 'Objlnk', 'Corelnk',
];
const OPERATIONS: readonly Operations[] = ['', 'R', 'W', 'RW', 'E'];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value as text: "1.0" must stay a version string, not the number 1.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (_name, jpath) => jpath === 'LWM2M.Object' || jpath === 'LWM2M.Object.Resources.Item',
});

type XmlNode = Record<string, unknown>;

/** Parses the text of one DDF file (which may hold several objects). `source` names it in errors. */
export function parseDdf(xml: string, source: string): ObjectDefinition[] {
  let doc: unknown;
  try {
    doc = parser.parse(xml.replace(/^\uFEFF/, ''), true);
  } catch (err) {
    throw new DdfError(source, 'document', `not well-formed XML (${(err as Error).message})`);
  }
  const root = (doc as XmlNode)['LWM2M'];
  if (root === undefined || typeof root !== 'object' || root === null) throw new DdfError(source, 'LWM2M', 'missing root element');
  const objects = (root as XmlNode)['Object'];
  if (!Array.isArray(objects) || objects.length === 0) throw new DdfError(source, 'LWM2M/Object', 'no Object element');
  return objects.map((o, i) => readObject(o as XmlNode, source, `LWM2M/Object[${i}]`));
}

/** Reads one DDF file. */
export async function loadDdfFile(file: string): Promise<ObjectDefinition[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new DdfError(file, 'file', `cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseDdf(text, file);
}

/**
 * Reads a DDF file, or every *.xml file of a directory (not recursive, sorted by name), as for
 * `--objects DIR`. Two files defining the same object id is an error naming both.
 */
export async function loadDdf(fileOrDir: string): Promise<ObjectDefinition[]> {
  let isDir: boolean;
  try {
    isDir = (await stat(fileOrDir)).isDirectory();
  } catch (err) {
    throw new DdfError(fileOrDir, 'file', `cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (!isDir) return loadDdfFile(fileOrDir);
  const names = (await readdir(fileOrDir)).filter((n) => n.toLowerCase().endsWith('.xml')).sort();
  const seen = new Map<number, string>();
  const out: ObjectDefinition[] = [];
  for (const name of names) {
    const file = join(fileOrDir, name);
    for (const def of await loadDdfFile(file)) {
      const other = seen.get(def.id);
      if (other !== undefined) throw new DdfError(file, `Object ${def.id}`, `also defined in ${basename(other)}`);
      seen.set(def.id, file);
      out.push(def);
    }
  }
  return out;
}

function readObject(node: XmlNode, source: string, where: string): ObjectDefinition {
  const id = readId(node['ObjectID'], source, `${where}/ObjectID`, 65535);
  const at = `Object ${id}`;
  const name = readName(node['Name'], source, `${at}/Name`);
  const urn = text(node['ObjectURN']);
  const version = text(node['ObjectVersion']) || versionFromUrn(urn) || '1.0';
  const itemsNode = (node['Resources'] as XmlNode | undefined)?.['Item'];
  const items = Array.isArray(itemsNode) ? (itemsNode as XmlNode[]) : [];
  const resources = items.map((item, i) => readResource(item, source, `${at}/Resources/Item[${i}]`));
  const ids = new Set<number>();
  for (const r of resources) {
    if (ids.has(r.id)) throw new DdfError(source, `${at}/Resources/Item ID=${r.id}`, 'duplicate resource id');
    ids.add(r.id);
  }
  return {
    id,
    name,
    version,
    urn: urn || `urn:oma:lwm2m:x:${id}`,
    multipleInstances: readMultiplicity(node['MultipleInstances'], source, `${at}/MultipleInstances`),
    mandatory: readMandatory(node['Mandatory'], source, `${at}/Mandatory`),
    description: oneLine(text(node['Description1'])),
    resources,
  };
}

function readResource(node: XmlNode, source: string, where: string): ResourceDefinition {
  const id = readId(node['@_ID'], source, `${where}@ID`, 65535);
  const at = `${where.replace(/Item\[\d+\]$/, '')}Item ID=${id}`;
  const operations = text(node['Operations']).toUpperCase() as Operations;
  if (!OPERATIONS.includes(operations)) throw new DdfError(source, `${at}/Operations`, `unknown operations '${operations}'`);
  const typeText = text(node['Type']);
  let type: ResourceType;
  if (typeText === '') type = 'none';
  else {
    const known = RESOURCE_TYPES.find((t) => t.toLowerCase() === typeText.toLowerCase());
    if (known === undefined) throw new DdfError(source, `${at}/Type`, `unknown type '${typeText}'`);
    type = known;
  }
  if (type === 'none' && operations !== 'E') throw new DdfError(source, `${at}/Type`, 'missing type on a non-executable resource');
  const def: ResourceDefinition = {
    id,
    name: readName(node['Name'], source, `${at}/Name`),
    operations,
    multipleInstances: readMultiplicity(node['MultipleInstances'], source, `${at}/MultipleInstances`),
    mandatory: readMandatory(node['Mandatory'], source, `${at}/Mandatory`),
    type,
    description: oneLine(text(node['Description'])),
  };
  const range = parseRangeEnumeration(text(node['RangeEnumeration']), type);
  if (range !== undefined) def.rangeEnumeration = range;
  const units = text(node['Units']);
  if (units !== '') def.units = units;
  return def;
}

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v).trim();
  // An element with attributes comes back as { '#text': ... }.
  if (typeof v === 'object' && '#text' in (v as XmlNode)) return text((v as XmlNode)['#text']);
  return '';
}

function readId(v: unknown, source: string, element: string, max: number): number {
  const t = text(v);
  if (!/^\d{1,5}$/.test(t) || Number(t) > max) throw new DdfError(source, element, `not an id 0..${max}: '${t}'`);
  return Number(t);
}

function readName(v: unknown, source: string, element: string): string {
  // Some registry files have doubled spaces inside names; one space is what a reader expects.
  const t = text(v).replace(/\s+/g, ' ');
  if (t === '') throw new DdfError(source, element, 'empty name');
  return t;
}

function readMultiplicity(v: unknown, source: string, element: string): boolean {
  const t = text(v).toLowerCase();
  if (t === 'multiple') return true;
  if (t === 'single') return false;
  throw new DdfError(source, element, `expected Single or Multiple, got '${text(v)}'`);
}

function readMandatory(v: unknown, source: string, element: string): boolean {
  const t = text(v).toLowerCase();
  if (t === 'mandatory') return true;
  if (t === 'optional') return false;
  throw new DdfError(source, element, `expected Mandatory or Optional, got '${text(v)}'`);
}

function versionFromUrn(urn: string): string | undefined {
  return /:(\d+\.\d+)$/.exec(urn)?.[1];
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
