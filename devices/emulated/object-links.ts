import { formatLinkFormat } from '../../harness/lwm2m/codecs/index.ts';
import type { ObjectTree } from './objects/object-tree.ts';

/**
 * The Register/Update object list: every object instance but the Security object's (LwM2M 1.0 leaves /0 out),
 * objects without instances as `</id>`. `names` replaces an object's numeric id by a name (a fault profile).
 */
export function objectLinks(tree: ObjectTree, names: ReadonlyMap<number, string> = new Map()): string {
  const links = tree
    .objectIds()
    .filter((id) => id !== 0)
    .flatMap((id) => {
      const label = names.get(id) ?? String(id);
      const instances = tree.instances(id);
      return instances.length === 0 ? [{ uri: `/${label}`, params: {} }] : instances.map((i) => ({ uri: `/${label}/${i.instanceId}`, params: {} }));
    });
  return formatLinkFormat(links);
}
