import type { ResourceType } from '../values.ts';

/** Operations a resource allows over the Device Management interface ('' : none, e.g. Security object). */
export type Operations = '' | 'R' | 'W' | 'RW' | 'E';

/**
 * The RangeEnumeration column of a DDF, parsed. Numeric types get value bounds; String and Opaque get
 * length bounds (bytes); anything else that lists values is an enumeration. Text we cannot read is kept
 * as 'unparsed' and not enforced.
 */
export type RangeEnumeration =
  | { kind: 'range'; min: number; max: number; text: string }
  | { kind: 'length'; min: number; max: number; allowed?: number[]; text: string }
  | { kind: 'enumeration'; values: string[]; text: string }
  | { kind: 'unparsed'; text: string };

export interface ResourceDefinition {
  id: number;
  name: string;
  operations: Operations;
  multipleInstances: boolean;
  mandatory: boolean;
  type: ResourceType;
  rangeEnumeration?: RangeEnumeration;
  units?: string;
  description: string;
}

export interface ObjectDefinition {
  id: number;
  name: string;
  /** Object version ("1.0" when the DDF names none). */
  version: string;
  urn: string;
  multipleInstances: boolean;
  mandatory: boolean;
  description: string;
  resources: ResourceDefinition[];
}
