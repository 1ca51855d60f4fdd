import type { ResourceType } from '../values.ts';
import { parseRangeEnumeration } from './range.ts';
import type { ObjectDefinition, Operations, ResourceDefinition } from './types.ts';

/** Compact constructor for the hand-written object files: one line per resource, as a DDF row reads. */
export function res(
  id: number,
  name: string,
  operations: Operations,
  instances: 'single' | 'multiple',
  mandatory: 'mandatory' | 'optional',
  type: ResourceType,
  description: string,
  extra: { range?: string; units?: string } = {},
): ResourceDefinition {
  const def: ResourceDefinition = {
    id,
    name,
    operations,
    multipleInstances: instances === 'multiple',
    mandatory: mandatory === 'mandatory',
    type,
    description,
  };
  const range = extra.range === undefined ? undefined : parseRangeEnumeration(extra.range, type);
  if (range !== undefined) def.rangeEnumeration = range;
  if (extra.units !== undefined && extra.units !== '') def.units = extra.units;
  return def;
}

export function defineObject(def: ObjectDefinition): ObjectDefinition {
  return Object.freeze({ ...def, resources: Object.freeze([...def.resources]) as ResourceDefinition[] });
}
