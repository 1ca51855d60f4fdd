import type { ObjectDefinition } from '../model/types.ts';
import { res } from '../model/define.ts';
import { builtinRegistry, type ObjectRegistry } from '../model/registry.ts';
import type { ResourceEntry } from '../values.ts';

/*
 * Shared fixtures for the golden tests: the values the LwM2M Technical Specification uses in its payload
 * examples (the Device object of a "Lightweight M2M Client" by "Open Mobile Alliance", and so on).
 */

export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}

/** Readable resources of /3/0 in the order the examples list them. */
export function deviceInstanceEntries(instanceId = 0): ResourceEntry[] {
  const r = (resourceId: number, value: ResourceEntry['value'], resourceInstanceId?: number): ResourceEntry => ({
    path: resourceInstanceId === undefined ? { objectId: 3, instanceId, resourceId } : { objectId: 3, instanceId, resourceId, resourceInstanceId },
    value,
  });
  return [
    r(0, 'Open Mobile Alliance'),
    r(1, 'Lightweight M2M Client'),
    r(2, '345000123'),
    r(3, '1.0'),
    r(6, 1, 0),
    r(6, 5, 1),
    r(7, 3800, 0),
    r(7, 5000, 1),
    r(8, 125, 0),
    r(8, 900, 1),
    r(9, 100),
    r(10, 15),
    r(11, 0, 0),
    r(13, 1367491215),
    r(14, '+02:00'),
    r(16, 'U'),
  ];
}

// The object-link examples use made-up objects 65, 66, 67; the test registry gives them types.
const example65: ObjectDefinition = {
  id: 65, name: 'Example 65', version: '1.0', urn: 'urn:oma:lwm2m:x:65', multipleInstances: true, mandatory: false,
  description: 'Object of the Objlnk example',
  resources: [
    res(0, 'Links', 'R', 'multiple', 'mandatory', 'Objlnk', 'links to 66'),
    res(1, 'Number', 'R', 'single', 'mandatory', 'String', 'a number'),
    res(2, 'Value', 'R', 'single', 'mandatory', 'Integer', 'a value'),
  ],
};
const example66: ObjectDefinition = {
  id: 66, name: 'Example 66', version: '1.0', urn: 'urn:oma:lwm2m:x:66', multipleInstances: true, mandatory: false,
  description: 'Object of the Objlnk example',
  resources: [
    res(0, 'Service', 'R', 'single', 'mandatory', 'String', 'service name'),
    res(1, 'Network', 'R', 'single', 'mandatory', 'String', 'network'),
    res(2, 'Link', 'R', 'single', 'mandatory', 'Objlnk', 'link to 67'),
  ],
};
const example67: ObjectDefinition = {
  id: 67, name: 'Example 67', version: '1.0', urn: 'urn:oma:lwm2m:x:67', multipleInstances: true, mandatory: false,
  description: 'Object of the Objlnk example',
  resources: [res(0, 'Address', 'R', 'single', 'mandatory', 'String', 'address'), res(1, 'Mask', 'R', 'single', 'mandatory', 'String', 'mask')],
};
const example72: ObjectDefinition = {
  id: 72, name: 'Example 72', version: '1.0', urn: 'urn:oma:lwm2m:x:72', multipleInstances: true, mandatory: false,
  description: 'Object of the timestamped notification example',
  resources: [res(2, 'Temperature', 'R', 'single', 'mandatory', 'Float', 'a reading')],
};

export function exampleRegistry(): ObjectRegistry {
  const r: ObjectRegistry = builtinRegistry();
  for (const def of [example65, example66, example67, example72]) r.register(def);
  return r;
}

