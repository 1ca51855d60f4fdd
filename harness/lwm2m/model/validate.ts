import { isObjlnk, type ResourceValue } from '../values.ts';
import type { RangeEnumeration, ResourceDefinition } from './types.ts';

export type ValidationResult = { ok: true } | { ok: false; reason: string };

const OK: ValidationResult = { ok: true };
const fail = (reason: string): ValidationResult => ({ ok: false, reason });

/** Checks a value against a resource's type and its parsed RangeEnumeration. */
export function validateValue(def: ResourceDefinition, value: ResourceValue): ValidationResult {
  const typeProblem = checkType(def, value);
  if (typeProblem !== undefined) return fail(`${def.name} (${def.id}): ${typeProblem}`);
  const rangeProblem = def.rangeEnumeration === undefined ? undefined : checkRange(def.rangeEnumeration, value);
  return rangeProblem === undefined ? OK : fail(`${def.name} (${def.id}): ${rangeProblem}`);
}

function checkType(def: ResourceDefinition, value: ResourceValue): string | undefined {
  switch (def.type) {
    case 'String':
    case 'Corelnk':
      return typeof value === 'string' ? undefined : `expected a string, got ${describe(value)}`;
    case 'Integer':
    case 'Time':
      return typeof value === 'number' && Number.isSafeInteger(value) ? undefined : `expected an integer, got ${describe(value)}`;
    case 'Unsigned Integer':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
        ? undefined
        : `expected an unsigned integer, got ${describe(value)}`;
    case 'Float':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `expected a finite number, got ${describe(value)}`;
    case 'Boolean':
      return typeof value === 'boolean' ? undefined : `expected a boolean, got ${describe(value)}`;
    case 'Opaque':
      return Buffer.isBuffer(value) ? undefined : `expected bytes, got ${describe(value)}`;
    case 'Objlnk':
      if (!isObjlnk(value)) return `expected an object link, got ${describe(value)}`;
      return isId(value.objectId) && isId(value.instanceId) ? undefined : 'object link ids must be 0..65535';
    case 'none':
      return 'an executable resource has no value';
  }
}

function checkRange(range: RangeEnumeration, value: ResourceValue): string | undefined {
  switch (range.kind) {
    case 'range':
      if (typeof value !== 'number') return undefined;
      return value >= range.min && value <= range.max ? undefined : `${value} is outside ${range.min}..${range.max}`;
    case 'length': {
      const length = typeof value === 'string' ? Buffer.byteLength(value) : Buffer.isBuffer(value) ? value.length : undefined;
      if (length === undefined) return undefined;
      if (range.allowed !== undefined) {
        return range.allowed.includes(length) ? undefined : `length ${length} is not one of ${range.allowed.join(', ')}`;
      }
      return length >= range.min && length <= range.max ? undefined : `length ${length} is outside ${range.min}..${range.max}`;
    }
    case 'enumeration':
      return range.values.includes(String(value)) ? undefined : `'${String(value)}' is not one of ${range.values.join(', ')}`;
    case 'unparsed':
      return undefined;
  }
}

function isId(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 65535;
}

function describe(value: ResourceValue): string {
  if (Buffer.isBuffer(value)) return `${value.length} bytes`;
  if (isObjlnk(value)) return `object link ${value.objectId}:${value.instanceId}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
