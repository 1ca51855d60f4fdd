import { formatLinkFormat, type Link } from '../../harness/lwm2m/codecs/index.ts';
import { formatPath, type LwM2MPath } from '../../harness/lwm2m/path.ts';
import { notAllowed } from './dm-error.ts';
import type { ObjectTree } from './objects/object-tree.ts';
import { isMultiple } from './objects/object-instance.ts';
import { attributeParams, type AttributeStore } from './observe/attributes.ts';

/**
 * Discover (LwM2M 1.0 TS §5.4.1): the links below a path with the attributes written at each level, `dim`
 * for multiple-instance resources. Reading the tree first gives the same 4.01/4.04 answers as a Read.
 */
export function discover(tree: ObjectTree, path: LwM2MPath, attributes: AttributeStore): string {
  if (path.resourceInstanceId !== undefined) throw notAllowed(formatPath(path));
  tree.read(path.resourceId === undefined ? path : { ...path, resourceId: undefined });
  const links: Link[] = [];
  const add = (p: LwM2MPath, extra: Record<string, string> = {}): void => {
    links.push({ uri: formatPath(p), params: { ...extra, ...attributeParams(attributes.at(p)) } });
  };
  const instances = path.instanceId === undefined ? tree.instances(path.objectId) : [tree.instance(path.objectId, path.instanceId)];
  if (path.instanceId === undefined) add({ objectId: path.objectId });
  for (const inst of instances) {
    if (!inst) continue;
    const ip = { objectId: inst.objectId, instanceId: inst.instanceId };
    if (path.resourceId === undefined) add(ip);
    for (const rid of inst.resourceIds()) {
      if (path.resourceId !== undefined && rid !== path.resourceId) continue;
      const content = inst.read(rid);
      add({ ...ip, resourceId: rid }, content !== undefined && isMultiple(content) ? { dim: String(content.size) } : {});
    }
  }
  if (path.resourceId !== undefined) tree.resourceDefinition(path);
  return formatLinkFormat(links);
}
