/**
 * The client side of the Bootstrap interface (LwM2M 1.0 TS §5.2): what the device does with the bootstrap
 * server's requests. Bootstrap-Write creates or overwrites Security, Server and Access Control instances
 * (the Security object is writable here, unlike for a management server); Bootstrap-Delete on '/' removes
 * every server account and Access Control instance but keeps the bootstrap account and the device's own
 * objects (the emulated device cannot live without /3); Bootstrap-Discover lists objects and instances;
 * Bootstrap-Finish (POST /bs) is accepted when at least one usable server account exists (else 4.06).
 */
import type { ObjectRegistry } from '../../harness/lwm2m/model/registry.ts';
import { formatLinkFormat, type Link } from '../../harness/lwm2m/codecs/index.ts';
import { parsePath, type LwM2MPath } from '../../harness/lwm2m/path.ts';
import { ContentFormat, type ResourceValue } from '../../harness/lwm2m/values.ts';
import type { IncomingServerRequest, ServerResponder } from './client-coap.ts';
import { decodeFor } from './content.ts';
import { DmError, badRequest, notAllowed, notFound } from './dm-error.ts';
import { ACCESS_CONTROL_OBJECT } from './objects/access-control.ts';
import type { ObjectInstance, ResourceContent } from './objects/object-instance.ts';
import type { ObjectTree } from './objects/object-tree.ts';
import { SECURITY_OBJECT } from './objects/security.ts';
import { SERVER_OBJECT } from './objects/server.ts';

/** Objects the bootstrap server configures (and deletes with '/'). */
const BOOTSTRAP_OBJECTS = [SECURITY_OBJECT, SERVER_OBJECT, ACCESS_CONTROL_OBJECT];

export interface BootstrapDeps {
  tree(): ObjectTree;
  registry: ObjectRegistry;
  /** A new instance of /0, /1 or /2 built from the written values (hooks wired), or undefined for other objects. */
  makeInstance(objectId: number, instanceId: number, values: ReadonlyMap<number, ResourceContent>): ObjectInstance | undefined;
  /** Bootstrap-Finish: true when the configuration is usable (the client then registers, after the answer). */
  finish(): boolean;
  afterResponse(fn: () => void): void;
}

export class BootstrapHandler {
  constructor(private readonly deps: BootstrapDeps) {}

  handle(req: IncomingServerRequest, res: ServerResponder): void {
    try {
      this.dispatch(req, res);
    } catch (err) {
      if (err instanceof DmError) res.respond(err.code);
      else res.respond('5.00');
    }
  }

  private dispatch(req: IncomingServerRequest, res: ServerResponder): void {
    if (req.method === 'POST' && req.path.length === 1 && req.path[0] === 'bs') {
      if (!this.deps.finish()) return res.respond('4.06');
      return res.respond('2.04');
    }
    switch (req.method) {
      case 'DELETE':
        this.delete(req.path);
        return res.respond('2.02');
      case 'PUT':
        this.write(req);
        return res.respond('2.04');
      case 'GET':
        if (req.accept !== ContentFormat.LINK) throw notAllowed('Bootstrap: only Discover reads');
        return res.respond('2.05', Buffer.from(this.discover(req.path)), ContentFormat.LINK);
      default:
        throw badRequest(`${req.method} in a bootstrap session`);
    }
  }

  private delete(segments: readonly string[]): void {
    const tree = this.deps.tree();
    const path = segments.length === 0 ? undefined : toPath(segments);
    const objects = path === undefined ? BOOTSTRAP_OBJECTS : [path.objectId];
    for (const objectId of objects) {
      for (const inst of tree.instances(objectId)) {
        if (path?.instanceId !== undefined && inst.instanceId !== path.instanceId) continue;
        // The bootstrap account stays: the device needs it to bootstrap again.
        if (objectId === SECURITY_OBJECT && inst.read(1) === true) continue;
        if (!BOOTSTRAP_OBJECTS.includes(objectId)) throw badRequest(`Bootstrap-Delete of /${objectId} is not supported`);
        tree.remove(objectId, inst.instanceId);
      }
    }
  }

  private write(req: IncomingServerRequest): void {
    const path = toPath(req.path);
    if (path.instanceId === undefined) throw badRequest('Bootstrap-Write needs an instance path');
    const entries = decodeFor(req.contentFormat, req.payload, path, this.deps.registry, path.instanceId);
    const values = new Map<number, ResourceContent>();
    for (const e of entries) {
      if (e.path.resourceId === undefined || (e.path.instanceId ?? path.instanceId) !== path.instanceId) throw badRequest('entry outside the written instance');
      if (e.path.resourceInstanceId === undefined) values.set(e.path.resourceId, e.value);
      else {
        const current = values.get(e.path.resourceId);
        const multi = current instanceof Map ? new Map<number, ResourceValue>(current) : new Map<number, ResourceValue>();
        multi.set(e.path.resourceInstanceId, e.value);
        values.set(e.path.resourceId, multi);
      }
    }
    const tree = this.deps.tree();
    const existing = tree.instance(path.objectId, path.instanceId);
    if (existing && path.objectId !== SERVER_OBJECT) {
      for (const [rid, content] of values) existing.update(rid, content);
      return;
    }
    // A Server instance is rebuilt so that its hooks name the (possibly new) Short Server ID.
    const merged = new Map<number, ResourceContent>();
    if (existing) for (const rid of existing.readableIds()) merged.set(rid, existing.read(rid) as ResourceContent);
    for (const [rid, content] of values) merged.set(rid, content);
    const made = this.deps.makeInstance(path.objectId, path.instanceId, merged);
    if (!made) throw notFound(`/${path.objectId} cannot be written by the bootstrap server`);
    tree.remove(path.objectId, path.instanceId);
    tree.add(made);
  }

  private discover(segments: readonly string[]): string {
    const tree = this.deps.tree();
    const only = segments.length === 0 ? undefined : toPath(segments).objectId;
    const links: Link[] = only === undefined ? [{ uri: '/', params: { lwm2m: '1.0' } }] : [];
    for (const objectId of tree.objectIds()) {
      if (only !== undefined && objectId !== only) continue;
      const instances = tree.instances(objectId);
      if (instances.length === 0) links.push({ uri: `/${objectId}`, params: {} });
      for (const inst of instances) {
        const ssid = objectId === SECURITY_OBJECT ? inst.read(10) : objectId === SERVER_OBJECT ? inst.read(0) : undefined;
        links.push({ uri: `/${objectId}/${inst.instanceId}`, params: typeof ssid === 'number' ? { ssid: String(ssid) } : {} });
      }
    }
    return formatLinkFormat(links);
  }
}

function toPath(segments: readonly string[]): LwM2MPath {
  try {
    return parsePath([...segments]);
  } catch {
    throw notFound('/' + segments.join('/'));
  }
}
