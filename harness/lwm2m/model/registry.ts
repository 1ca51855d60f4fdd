import type { LwM2MPath } from '../path.ts';
import type { ObjectDefinition, ResourceDefinition } from './types.ts';
import { securityObject } from './objects/security.ts';
import { serverObject } from './objects/server.ts';
import { accessControlObject } from './objects/access-control.ts';
import { deviceObject } from './objects/device.ts';
import { connectivityMonitoringObject } from './objects/connectivity-monitoring.ts';
import { firmwareUpdateObject } from './objects/firmware-update.ts';
import { locationObject } from './objects/location.ts';
import { connectivityStatisticsObject } from './objects/connectivity-statistics.ts';
import { temperatureObject } from './objects/temperature.ts';
import { lightControlObject } from './objects/light-control.ts';
import { powerControlObject } from './objects/power-control.ts';

/** The objects the harness knows without any --objects directory: 0-7 (LwM2M 1.0) and IPSO 3303, 3311, 3312. */
export const BUILTIN_OBJECTS: readonly ObjectDefinition[] = [
  securityObject,
  serverObject,
  accessControlObject,
  deviceObject,
  connectivityMonitoringObject,
  firmwareUpdateObject,
  locationObject,
  connectivityStatisticsObject,
  temperatureObject,
  lightControlObject,
  powerControlObject,
];

/** Object definitions by id, with resource lookup. Registering an id again replaces it (vendor overrides). */
export class ObjectRegistry {
  private readonly objects = new Map<number, ObjectDefinition>();
  private readonly resources = new Map<number, Map<number, ResourceDefinition>>();

  constructor(definitions: Iterable<ObjectDefinition> = []) {
    for (const def of definitions) this.register(def);
  }

  /** Adds (or replaces) an object definition; returns the one it replaced, if any. */
  register(def: ObjectDefinition): ObjectDefinition | undefined {
    const previous = this.objects.get(def.id);
    this.objects.set(def.id, def);
    this.resources.set(def.id, new Map(def.resources.map((r) => [r.id, r])));
    return previous;
  }

  object(objectId: number): ObjectDefinition | undefined {
    return this.objects.get(objectId);
  }

  resource(objectId: number, resourceId: number): ResourceDefinition | undefined {
    return this.resources.get(objectId)?.get(resourceId);
  }

  has(objectId: number): boolean {
    return this.objects.has(objectId);
  }

  /** Object ids in ascending order. */
  ids(): number[] {
    return [...this.objects.keys()].sort((a, b) => a - b);
  }

  all(): ObjectDefinition[] {
    return this.ids().map((id) => this.objects.get(id) as ObjectDefinition);
  }

  /** An independent copy (so a run can add vendor objects without touching a shared registry). */
  clone(): ObjectRegistry {
    return new ObjectRegistry(this.all());
  }
}

/** A fresh registry holding the built-in objects. */
export function builtinRegistry(): ObjectRegistry {
  return new ObjectRegistry(BUILTIN_OBJECTS);
}

/** The definition of the resource a path names (resource or resource-instance level), if known. */
export function resourceDefinition(registry: ObjectRegistry, path: LwM2MPath): ResourceDefinition | undefined {
  return path.resourceId === undefined ? undefined : registry.resource(path.objectId, path.resourceId);
}
