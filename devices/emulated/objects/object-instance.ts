import type { ResourceValue } from '../../../harness/lwm2m/values.ts';

/** A resource's content: one value, or the instances of a multiple-instance resource by id. */
export type ResourceContent = ResourceValue | ReadonlyMap<number, ResourceValue>;

export function isMultiple(content: ResourceContent): content is ReadonlyMap<number, ResourceValue> {
  return content instanceof Map;
}

/** What an Execute handler gets: the argument text of the request (LwM2M 1.0 TS §5.4.5). */
export type ExecuteHandler = (args: string) => void;

interface ResourceSlot {
  /** Stored content, or undefined for a resource computed on read. */
  stored: ResourceContent | undefined;
  /** The value the instance was built with (what a Replace that leaves the resource out returns it to). */
  factory?: ResourceContent;
  compute?: () => ResourceContent;
  onWrite?: (content: ResourceContent) => void;
  execute?: ExecuteHandler;
  /** Whether the resource may be executed now (e.g. Update only in state Downloaded); 4.05 otherwise. */
  executable?: () => boolean;
}

export type ChangeListener = (resourceId: number) => void;

/**
 * One object instance on the device: resource storage plus behaviour hooks. Access rules (R/W/E) are not
 * checked here: the object tree checks them against the shared object model before calling in, so a fault
 * profile can bypass them in one place.
 */
export class ObjectInstance {
  private readonly slots = new Map<number, ResourceSlot>();
  private readonly listeners = new Set<ChangeListener>();

  constructor(readonly objectId: number, readonly instanceId: number) {}

  /** A stored resource with an initial value. */
  value(resourceId: number, initial: ResourceContent, onWrite?: (content: ResourceContent) => void): this {
    this.slots.set(resourceId, { stored: copy(initial), factory: copy(initial), ...(onWrite ? { onWrite } : {}) });
    return this;
  }

  /** A resource computed on every read (clock time, a transport's address). */
  computed(resourceId: number, compute: () => ResourceContent, onWrite?: (content: ResourceContent) => void): this {
    this.slots.set(resourceId, { stored: undefined, compute, ...(onWrite ? { onWrite } : {}) });
    return this;
  }

  /** An executable resource. */
  executable(resourceId: number, execute: ExecuteHandler, allowedNow?: () => boolean): this {
    this.slots.set(resourceId, { stored: undefined, execute, ...(allowedNow ? { executable: allowedNow } : {}) });
    return this;
  }

  has(resourceId: number): boolean {
    return this.slots.has(resourceId);
  }

  /** Ids of the resources this instance has, ascending. */
  resourceIds(): number[] {
    return [...this.slots.keys()].sort((a, b) => a - b);
  }

  /** Ids of the resources that hold a value (everything but executables). */
  readableIds(): number[] {
    return this.resourceIds().filter((id) => this.slots.get(id)?.execute === undefined);
  }

  read(resourceId: number): ResourceContent | undefined {
    const slot = this.slots.get(resourceId);
    if (!slot || slot.execute) return undefined;
    return slot.compute ? slot.compute() : slot.stored;
  }

  /** A write from a server (after access checks): stores, runs the hook, tells observers. */
  write(resourceId: number, content: ResourceContent): void {
    const slot = this.slots.get(resourceId);
    if (!slot) {
      this.slots.set(resourceId, { stored: copy(content) });
    } else {
      if (!slot.compute) slot.stored = copy(content);
      slot.onWrite?.(content);
    }
    this.changed(resourceId);
  }

  /** A change made by the device itself (a sensor, a state machine, a stimulus): no write hook. */
  update(resourceId: number, content: ResourceContent): void {
    const slot = this.slots.get(resourceId);
    const before = slot?.stored;
    if (!slot) this.slots.set(resourceId, { stored: copy(content) });
    else slot.stored = copy(content);
    if (before === undefined || !sameContent(before, content)) this.changed(resourceId);
  }

  /**
   * A Replace of the instance left this resource out (TS 1.0 §5.4.3): a stored resource returns to the value
   * the instance was built with (through the write hook, so the device acts on it), one that only a write
   * created is removed; computed and executable resources are not values to reset.
   */
  reset(resourceId: number): void {
    const slot = this.slots.get(resourceId);
    if (!slot || slot.compute || slot.execute) return;
    if (slot.factory === undefined) return this.remove(resourceId);
    if (slot.stored !== undefined && sameContent(slot.stored, slot.factory)) return;
    this.write(resourceId, slot.factory);
  }

  /** Removes an optional resource (a Replace that leaves it out). */
  remove(resourceId: number): void {
    if (this.slots.delete(resourceId)) this.changed(resourceId);
  }

  execute(resourceId: number, args: string): boolean {
    const slot = this.slots.get(resourceId);
    if (!slot?.execute) return false;
    slot.execute(args);
    return true;
  }

  isExecutable(resourceId: number): boolean {
    return this.slots.get(resourceId)?.execute !== undefined;
  }

  /** False when the resource is executable but not in the device's current state. */
  executableNow(resourceId: number): boolean {
    const slot = this.slots.get(resourceId);
    return slot?.execute !== undefined && (slot.executable?.() ?? true);
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells observers that a computed resource moved on. */
  changed(resourceId: number): void {
    for (const l of [...this.listeners]) l(resourceId);
  }
}

function copy(content: ResourceContent): ResourceContent {
  return isMultiple(content) ? new Map(content) : content;
}

export function sameValue(a: ResourceValue, b: ResourceValue): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (typeof a === 'object' && typeof b === 'object' && !Buffer.isBuffer(a) && !Buffer.isBuffer(b)) {
    return a.objectId === b.objectId && a.instanceId === b.instanceId;
  }
  return a === b;
}

export function sameContent(a: ResourceContent, b: ResourceContent): boolean {
  if (isMultiple(a) || isMultiple(b)) {
    if (!isMultiple(a) || !isMultiple(b) || a.size !== b.size) return false;
    for (const [id, v] of a) {
      const w = b.get(id);
      if (w === undefined || !sameValue(v, w)) return false;
    }
    return true;
  }
  return sameValue(a, b);
}
