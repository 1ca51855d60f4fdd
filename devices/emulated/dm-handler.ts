import type { ObjectRegistry } from '../../harness/lwm2m/model/registry.ts';
import { parsePath, type LwM2MPath } from '../../harness/lwm2m/path.ts';
import { ContentFormat, type ResourceEntry } from '../../harness/lwm2m/values.ts';
import type { IncomingServerRequest, ServerResponder } from './client-coap.ts';
import { chooseReadFormat, decodeFor, encodeFor } from './content.ts';
import { discover } from './discover.ts';
import { DmError, badRequest, notAllowed, notFound } from './dm-error.ts';
import type { ObjectTree } from './objects/object-tree.ts';
import { AttributeStore, parseAttributeQuery, type NotificationAttributes } from './observe/attributes.ts';
import type { Observations } from './observe/observations.ts';
import { FaultHook, type FaultSet } from './faults.ts';
import type { AccessView } from './access-rights.ts';
import { AccessRight } from './objects/access-control.ts';
import type { Endpoint } from '../../harness/net/transport.ts';

export interface DmDeps {
  tree: ObjectTree;
  registry: ObjectRegistry;
  attributes: AttributeStore;
  observations: Observations;
  /** pmin/pmax defaults from the server's /1/x/2 and /1/x/3. */
  defaults(): NotificationAttributes;
  /** Runs after the answer went out (reboot, disable, update trigger must answer first). */
  afterResponse(fn: () => void): void;
  faults?: FaultSet;
  /** Access Control for the server that sent a request; undefined = no checks (a single server account). */
  access?(from: Endpoint): AccessView | undefined;
  /** A server created an instance (multi-server: it gets an Access Control instance it owns). */
  created?(from: Endpoint, path: LwM2MPath): void;
  /** A server deleted an instance (its Access Control instance goes with it). */
  deleted?(path: LwM2MPath): void;
}

const CONNECTIVITY_OBJECT = 4;

/**
 * The Device Management and Information Reporting interfaces (LwM2M 1.0 TS §5.4, §5.5) on CoAP:
 * GET = Read (Accept: 40 = Discover, Observe 0/1 = Observe/Cancel), PUT = Write (replace) or Write-Attributes
 * (no payload, query), POST = Execute on a resource, Partial Update on an instance, Create on an object,
 * DELETE = Delete. Refusals are DmErrors answered with their code.
 */
export class DmHandler {
  private readonly faults: FaultSet;

  constructor(private readonly deps: DmDeps) {
    this.faults = deps.faults ?? new Set();
  }

  handle(req: IncomingServerRequest, res: ServerResponder): void {
    try {
      this.dispatch(req, res);
    } catch (err) {
      if (err instanceof DmError) res.respond(err.code);
      else res.respond('5.00', Buffer.from(err instanceof Error ? err.message : String(err)));
    }
  }

  private dispatch(req: IncomingServerRequest, res: ServerResponder): void {
    const path = toPath(req.path);
    const { tree } = this.deps;
    const acl = this.deps.access?.(req.from);
    switch (req.method) {
      case 'GET':
        // Discover is never restricted by Access Control.
        if (req.accept === ContentFormat.LINK) return res.respond('2.05', Buffer.from(discover(tree, path, this.discoverAttributes())), ContentFormat.LINK);
        acl?.check(AccessRight.READ, path);
        // Observe=1 cancels the observation with this token, then is answered like a Read.
        if (req.observe === 1 && !this.has(FaultHook.IGNORE_OBSERVE_CANCEL)) this.deps.observations.cancel(req.token);
        if (req.observe === 0 && res.notifications) {
          if (!this.has(FaultHook.CONNECTIVITY_NOT_OBSERVABLE, path.objectId === CONNECTIVITY_OBJECT) || !res.respondPlain) return this.observe(req, path, res, acl);
          const { payload, format } = this.render(path, req.accept, acl);
          return res.respondPlain('2.05', payload, format);
        }
        return this.read(req, path, res, acl);
      case 'PUT':
        if (req.payload.length === 0 && req.contentFormat === undefined) {
          acl?.check(AccessRight.READ, path);
          return this.writeAttributes(req, path, res);
        }
        acl?.check(AccessRight.WRITE, path);
        tree.write(path, this.decode(req, path), 'replace');
        return res.respond('2.04');
      case 'POST':
        if (path.instanceId === undefined) {
          acl?.check(AccessRight.CREATE, path);
          if (this.has(FaultHook.CREATE_REJECTED)) throw notAllowed(`create ${req.path.join('/')}`);
          const id = tree.create(path, this.decode(req, path, firstFreeId(tree, path.objectId)));
          this.deps.created?.(req.from, { objectId: path.objectId, instanceId: id });
          return res.respond('2.01', undefined, undefined, [String(path.objectId), String(id)]);
        }
        if (path.resourceId === undefined) {
          acl?.check(AccessRight.WRITE, path);
          tree.write(path, this.decode(req, path), 'update');
          return res.respond('2.04');
        }
        acl?.check(AccessRight.EXECUTE, path);
        return this.execute(req, path, res);
      case 'DELETE':
        acl?.check(AccessRight.DELETE, path);
        tree.delete(path);
        this.deps.deleted?.({ objectId: path.objectId, ...(path.instanceId !== undefined ? { instanceId: path.instanceId } : {}) });
        return res.respond('2.02');
      default:
        throw notAllowed(req.method);
    }
  }

  private read(req: IncomingServerRequest, path: LwM2MPath, res: ServerResponder, acl?: AccessView): void {
    if (path.resourceId !== undefined && this.has(FaultHook.READ_EXECUTE_ONLY) && this.deps.tree.resourceDefinition(path).operations === 'E') {
      return res.respond('2.05', Buffer.alloc(0), ContentFormat.TEXT);
    }
    const { payload, format } = this.render(path, req.accept, acl);
    res.respond('2.05', payload, format);
  }

  private observe(req: IncomingServerRequest, path: LwM2MPath, res: ServerResponder, acl?: AccessView): void {
    const stream = res.notifications;
    if (!stream) throw notAllowed('observe');
    const first = this.render(path, req.accept, acl);
    stream.notify('2.05', first.payload, first.format);
    const { tree, attributes } = this.deps;
    this.deps.observations.start({
      path,
      token: req.token,
      stream,
      render: () => {
        try {
          const { payload, format } = this.render(path, req.accept, acl);
          return { code: '2.05', payload, contentFormat: format };
        } catch (err) {
          // The observed thing went away (deleted instance): end the observation with its error code.
          return { code: err instanceof DmError ? err.code : '5.00', payload: Buffer.alloc(0), contentFormat: ContentFormat.TEXT };
        }
      },
      numericValue: () => numericOf(path, () => tree.read(path)),
      attributes: () => attributes.effective(path, this.deps.defaults(), this.has(FaultHook.OBJECT_LEVEL_ATTRIBUTES_IGNORED) ? 'resource' : 'all'),
    });
  }

  private render(path: LwM2MPath, accept: number | undefined, acl?: AccessView): { payload: Buffer; format: number } {
    const { tree, registry } = this.deps;
    if (path.resourceId === undefined && path.objectId === CONNECTIVITY_OBJECT && this.has(FaultHook.CONNECTIVITY_READ_FAILS)) {
      throw new DmError('5.00', 'modem query failed', { path: pathText(path) });
    }
    const all = tree.read(path);
    // Object level: only the instances this server may read (instance level was checked before).
    const entries = this.faultyEntries(path, acl && path.instanceId === undefined ? acl.readable(all) : all);
    const format = chooseReadFormat(path, entries, accept, registry);
    return { payload: encodeFor(format, path, entries, registry), format };
  }

  private writeAttributes(req: IncomingServerRequest, path: LwM2MPath, res: ServerResponder): void {
    const change = parseAttributeQuery(req.query);
    const { tree } = this.deps;
    let numeric = false;
    if (path.resourceId !== undefined) {
      const type = tree.resourceDefinition(path).type;
      numeric = type === 'Integer' || type === 'Float' || type === 'Unsigned Integer' || type === 'Time';
    } else if (path.instanceId !== undefined) {
      if (!tree.instance(path.objectId, path.instanceId)) throw notFound(req.path.join('/'));
    } else if (!tree.objectIds().includes(path.objectId)) {
      throw notFound(req.path.join('/'));
    }
    this.deps.attributes.apply(path, change, numeric);
    this.deps.observations.attributesChanged(path);
    res.respond('2.04');
  }

  private execute(req: IncomingServerRequest, path: LwM2MPath, res: ServerResponder): void {
    const { tree } = this.deps;
    // Check before answering, then run the action after the 2.04 went out (a reboot must answer first).
    const def = tree.resourceDefinition(path);
    if (def.operations !== 'E' && def.operations.includes('R') && this.has(FaultHook.EXECUTE_READABLE_RESOURCE)) return res.respond('2.04');
    if (def.operations !== 'E') throw notAllowed(req.path.join('/'));
    tree.checkExecutableNow(path);
    res.respond('2.04');
    this.deps.afterResponse(() => {
      try {
        tree.execute(path, req.payload.toString('utf8'));
      } catch {
        // Already checked; a late refusal has no one left to tell.
      }
    });
  }

  /** Fault hooks that drop part of what a Read returns. */
  private faultyEntries(path: LwM2MPath, entries: ResourceEntry[]): ResourceEntry[] {
    if (path.instanceId === undefined && this.has(FaultHook.MULTI_INSTANCE_READ_ONE)) {
      const first = entries[0]?.path.instanceId;
      return entries.filter((e) => e.path.instanceId === first);
    }
    if (path.instanceId !== undefined && path.resourceId === undefined && this.has(FaultHook.INSTANCE_READ_ONE_RESOURCE)) {
      const first = entries[0]?.path.resourceId;
      return entries.filter((e) => e.path.resourceId === first);
    }
    return entries;
  }

  private discoverAttributes(): AttributeStore {
    return this.has(FaultHook.DISCOVER_WITHOUT_ATTRIBUTES) ? new AttributeStore() : this.deps.attributes;
  }

  private has(fault: string, when = true): boolean {
    return when && this.faults.has(fault);
  }

  private decode(req: IncomingServerRequest, path: LwM2MPath, defaultInstanceId?: number): ResourceEntry[] {
    return decodeFor(req.contentFormat, req.payload, path, this.deps.registry, defaultInstanceId);
  }
}

function pathText(path: LwM2MPath): string {
  return `/${[path.objectId, path.instanceId, path.resourceId].filter((x) => x !== undefined).join('/')}`;
}

function toPath(segments: readonly string[]): LwM2MPath {
  if (segments.length === 0) throw badRequest('empty path');
  try {
    return parsePath(segments);
  } catch {
    throw notFound('/' + segments.join('/'));
  }
}

function firstFreeId(tree: ObjectTree, objectId: number): number {
  const used = new Set(tree.instances(objectId).map((i) => i.instanceId));
  let id = 0;
  while (used.has(id)) id++;
  return id;
}

/** The value of a single numeric resource (gt/lt/st compare it); undefined for anything else. */
function numericOf(path: LwM2MPath, read: () => ResourceEntry[]): number | undefined {
  if (path.resourceId === undefined) return undefined;
  try {
    const entries = read();
    const v = entries.length === 1 ? entries[0]?.value : undefined;
    return typeof v === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}
