import type { ObjectRegistry } from '../../../harness/lwm2m/model/registry.ts';
import type { ResourceDefinition } from '../../../harness/lwm2m/model/types.ts';
import { formatPath, type LwM2MPath } from '../../../harness/lwm2m/path.ts';
import type { ResourceEntry, ResourceValue } from '../../../harness/lwm2m/values.ts';
import { badRequest, notAllowed, notFound, unauthorized } from '../dm-error.ts';
import { FaultHook, type FaultSet } from '../faults.ts';
import { ObjectInstance, isMultiple, type ResourceContent } from './object-instance.ts';

export type WriteMode = 'replace' | 'update';
export type InstanceFactory = (instanceId: number) => ObjectInstance;
export type TreeChangeListener = (path: LwM2MPath) => void;

/** The Security object is for the client and the bootstrap server only: a management server gets 4.01. */
const HIDDEN_OBJECTS = new Set([0]);

/**
 * All object instances of the device, and the LwM2M 1.0 rules of the Device Management interface on them:
 * 4.04 for what does not exist, 4.05 for an operation the model does not allow on a resource.
 * Each operation throws a DmError carrying the response code; callers turn it into the CoAP answer.
 */
export class ObjectTree {
  private readonly objects = new Map<number, Map<number, ObjectInstance>>();
  private readonly unsubscribe = new Map<ObjectInstance, () => void>();
  private readonly listeners = new Set<TreeChangeListener>();

  constructor(
    readonly model: ObjectRegistry,
    private readonly factories: ReadonlyMap<number, InstanceFactory> = new Map(),
    private readonly faults: FaultSet = new Set(),
  ) {}

  add(instance: ObjectInstance): ObjectInstance {
    let instances = this.objects.get(instance.objectId);
    if (!instances) this.objects.set(instance.objectId, (instances = new Map()));
    instances.set(instance.instanceId, instance);
    this.unsubscribe.set(
      instance,
      instance.onChange((resourceId) => this.emit({ objectId: instance.objectId, instanceId: instance.instanceId, resourceId })),
    );
    return instance;
  }

  instance(objectId: number, instanceId: number): ObjectInstance | undefined {
    return this.objects.get(objectId)?.get(instanceId);
  }

  instances(objectId: number): ObjectInstance[] {
    return [...(this.objects.get(objectId)?.values() ?? [])].sort((a, b) => a.instanceId - b.instanceId);
  }

  objectIds(): number[] {
    return [...this.objects.keys()].sort((a, b) => a - b);
  }

  /** Notified with the resource path whenever a value changes (writes, device updates, create, delete). */
  onChange(listener: TreeChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- Read ----------------------------------------------------------------------------------------

  /** Read at object, instance, resource or resource-instance level: the flat entries of what is readable. */
  read(path: LwM2MPath): ResourceEntry[] {
    this.checkVisible(path);
    if (path.instanceId === undefined) {
      if (!this.objects.has(path.objectId)) throw notFound(formatPath(path));
      return this.instances(path.objectId).flatMap((inst) => this.readInstance(inst));
    }
    const inst = this.requireInstance(path);
    if (path.resourceId === undefined) return this.readInstance(inst);
    const def = this.requireResource(path, inst);
    if (!def.operations.includes('R')) throw notAllowed(formatPath(path));
    const entries = toEntries(inst, path.resourceId);
    if (path.resourceInstanceId === undefined) return entries;
    const one = entries.filter((e) => e.path.resourceInstanceId === path.resourceInstanceId);
    if (one.length === 0) throw notFound(formatPath(path));
    return one;
  }

  /** The definition of a resource the path names, or 4.04. */
  resourceDefinition(path: LwM2MPath): ResourceDefinition {
    const inst = this.requireInstance(path);
    return this.requireResource(path, inst);
  }

  private readInstance(inst: ObjectInstance): ResourceEntry[] {
    return inst
      .readableIds()
      .filter((id) => this.model.resource(inst.objectId, id)?.operations.includes('R') ?? false)
      .flatMap((id) => toEntries(inst, id));
  }

  // ---- Write ---------------------------------------------------------------------------------------

  /** Write (Replace with PUT, Partial Update with POST) on an instance, a resource or a resource instance. */
  write(path: LwM2MPath, entries: readonly ResourceEntry[], mode: WriteMode): void {
    this.checkVisible(path);
    if (path.instanceId === undefined) throw notAllowed(formatPath(path));
    const inst = this.requireInstance(path);
    const byResource = groupByResource(entries, path);
    if (path.resourceId !== undefined && [...byResource.keys()].some((id) => id !== path.resourceId)) {
      throw badRequest(`payload names other resources than ${formatPath(path)}`);
    }
    // Check everything first, so that a refused write changes nothing.
    for (const resourceId of byResource.keys()) {
      const p = { ...path, resourceId };
      const def = this.model.resource(path.objectId, resourceId);
      if (!def) throw notFound(formatPath(p));
      if (!def.operations.includes('W') && !this.faults.has(FaultHook.WRITE_READ_ONLY)) throw notAllowed(formatPath(p));
    }
    const contents = [...byResource].map(([resourceId, group]) => {
      const def = this.model.resource(path.objectId, resourceId) as ResourceDefinition;
      return [resourceId, this.merge(inst, def, group, path.resourceInstanceId === undefined ? mode : 'update')] as const;
    });
    // Replace of a whole instance: the writable resources the payload leaves out go back to their factory
    // values first (TS 1.0 §5.4.3), then the payload is written; a Partial Update (POST) leaves them alone.
    if (mode === 'replace' && path.resourceId === undefined) {
      for (const def of this.model.object(path.objectId)?.resources ?? []) {
        if (def.operations.includes('W') && !byResource.has(def.id)) inst.reset(def.id);
      }
    }
    for (const [resourceId, content] of contents) inst.write(resourceId, content);
  }

  private merge(inst: ObjectInstance, def: ResourceDefinition, group: ResourceEntry[], mode: WriteMode): ResourceContent {
    if (!def.multipleInstances) {
      const last = group[group.length - 1];
      if (!last || last.path.resourceInstanceId !== undefined) throw badRequest(`resource ${def.id} is single-instance`);
      return last.value;
    }
    const current = inst.read(def.id);
    const next = new Map<number, ResourceValue>(mode === 'update' && current !== undefined && isMultiple(current) ? current : []);
    for (const e of group) {
      if (e.path.resourceInstanceId === undefined) throw badRequest(`resource ${def.id} needs resource instances`);
      next.set(e.path.resourceInstanceId, e.value);
    }
    return next;
  }

  // ---- Execute, Create, Delete ------------------------------------------------------------------------

  execute(path: LwM2MPath, args: string): void {
    this.checkVisible(path);
    if (path.resourceId === undefined || path.resourceInstanceId !== undefined) throw notAllowed(formatPath(path));
    const inst = this.requireInstance(path);
    const def = this.requireResource(path, inst);
    if (def.operations !== 'E' || !inst.isExecutable(path.resourceId)) throw notAllowed(formatPath(path));
    inst.execute(path.resourceId, args);
  }

  /** Throws 4.05 when the resource cannot be executed in the device's current state (checked before answering). */
  checkExecutableNow(path: LwM2MPath): void {
    const inst = this.requireInstance(path);
    if (path.resourceId !== undefined && !inst.executableNow(path.resourceId)) throw notAllowed(`${formatPath(path)} in the current state`);
  }

  /** Create on /objectId; entries may carry the new instance id. Returns the instance id. */
  create(path: LwM2MPath, entries: readonly ResourceEntry[]): number {
    this.checkVisible(path);
    if (path.instanceId !== undefined) throw notAllowed(formatPath(path));
    const def = this.model.object(path.objectId);
    if (!def) throw notFound(formatPath(path));
    const factory = this.factories.get(path.objectId);
    if (!factory) throw notAllowed(`${formatPath(path)} (no Create on this object)`);
    const named = new Set(entries.map((e) => e.path.instanceId).filter((i): i is number => i !== undefined));
    if (named.size > 1) throw badRequest('Create of more than one instance');
    const existing = this.objects.get(path.objectId);
    if (!def.multipleInstances && existing && existing.size > 0) throw badRequest(`${formatPath(path)} is single-instance`);
    const instanceId = [...named][0] ?? firstFree(existing);
    if (existing?.has(instanceId)) throw badRequest(`${formatPath(path)}/${instanceId} exists`);
    const inst = factory(instanceId);
    for (const [resourceId, group] of groupByResource(entries, { ...path, instanceId })) {
      const rdef = this.model.resource(path.objectId, resourceId);
      if (!rdef) throw notFound(`${formatPath(path)}/${instanceId}/${resourceId}`);
      inst.write(resourceId, this.merge(inst, rdef, group, 'replace'));
    }
    this.add(inst);
    this.emit({ objectId: path.objectId, instanceId });
    return instanceId;
  }

  delete(path: LwM2MPath): void {
    this.checkVisible(path);
    if (path.instanceId === undefined || path.resourceId !== undefined) throw notAllowed(formatPath(path));
    const inst = this.requireInstance(path);
    if (!this.factories.has(path.objectId)) throw notAllowed(`${formatPath(path)} (cannot be deleted)`);
    this.unsubscribe.get(inst)?.();
    this.unsubscribe.delete(inst);
    this.objects.get(path.objectId)?.delete(inst.instanceId);
    this.emit({ objectId: path.objectId, instanceId: inst.instanceId });
  }

  /** Removes an instance without the Device Management rules (the bootstrap server's Bootstrap-Delete). */
  remove(objectId: number, instanceId: number): void {
    const inst = this.instance(objectId, instanceId);
    if (!inst) return;
    this.unsubscribe.get(inst)?.();
    this.unsubscribe.delete(inst);
    this.objects.get(objectId)?.delete(instanceId);
    this.emit({ objectId, instanceId });
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private checkVisible(path: LwM2MPath): void {
    if (HIDDEN_OBJECTS.has(path.objectId)) throw unauthorized(formatPath(path));
  }

  private requireInstance(path: LwM2MPath): ObjectInstance {
    const inst = path.instanceId === undefined ? undefined : this.instance(path.objectId, path.instanceId);
    if (!inst) throw notFound(formatPath(path));
    return inst;
  }

  private requireResource(path: LwM2MPath, inst: ObjectInstance): ResourceDefinition {
    const def = path.resourceId === undefined ? undefined : this.model.resource(path.objectId, path.resourceId);
    if (!def || path.resourceId === undefined || !inst.has(path.resourceId)) throw notFound(formatPath(path));
    return def;
  }

  private emit(path: LwM2MPath): void {
    for (const l of [...this.listeners]) l(path);
  }
}

/** The entries of one resource: one value, or one entry per resource instance. */
export function toEntries(inst: ObjectInstance, resourceId: number): ResourceEntry[] {
  const content = inst.read(resourceId);
  if (content === undefined) return [];
  const base = { objectId: inst.objectId, instanceId: inst.instanceId, resourceId };
  if (!isMultiple(content)) return [{ path: base, value: content }];
  return [...content.entries()]
    .sort(([a], [b]) => a - b)
    .map(([resourceInstanceId, value]) => ({ path: { ...base, resourceInstanceId }, value }));
}

function groupByResource(entries: readonly ResourceEntry[], target: LwM2MPath): Map<number, ResourceEntry[]> {
  const out = new Map<number, ResourceEntry[]>();
  for (const e of entries) {
    if (e.path.objectId !== target.objectId) throw badRequest(`entry for object ${e.path.objectId}`);
    if (target.instanceId !== undefined && e.path.instanceId !== undefined && e.path.instanceId !== target.instanceId) {
      throw badRequest(`entry for instance ${e.path.instanceId}`);
    }
    if (e.path.resourceId === undefined) throw badRequest('entry without a resource id');
    let group = out.get(e.path.resourceId);
    if (!group) out.set(e.path.resourceId, (group = []));
    group.push(e);
  }
  return out;
}

function firstFree(existing: ReadonlyMap<number, unknown> | undefined): number {
  let id = 0;
  while (existing?.has(id)) id++;
  return id;
}
