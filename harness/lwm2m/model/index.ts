export type { ObjectDefinition, ResourceDefinition, Operations, RangeEnumeration } from './types.ts';
export { ObjectRegistry, builtinRegistry, resourceDefinition, BUILTIN_OBJECTS } from './registry.ts';
export { parseDdf, loadDdf, loadDdfFile } from './ddf-loader.ts';
export { DdfError } from './errors.ts';
export { parseRangeEnumeration } from './range.ts';
export { validateValue, type ValidationResult } from './validate.ts';
