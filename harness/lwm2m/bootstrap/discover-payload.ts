import { parsePath } from '../path.ts';
import type { DiscoveredLink } from '../server/operation-result.ts';
import { parseLinkList } from '../server/registration/link-list.ts';

/**
 * Reads a Bootstrap-Discover answer. Its first item may be the bare `lwm2m="1.0"` version attribute (TS 1.0
 * §5.2.7.5), which is not a link; it is kept as a link with an empty target.
 */
export function parseDiscoverPayload(text: string): DiscoveredLink[] {
  const trimmed = text.trim();
  const version = /^lwm2m="?([0-9.]+)"?\s*(,|$)/.exec(trimmed);
  const rest = version ? trimmed.slice(version[0].length) : trimmed;
  const links: DiscoveredLink[] = version ? [{ target: '', attributes: { lwm2m: version[1] ?? '' } }] : [];
  for (const link of parseLinkList(rest)) {
    const out: DiscoveredLink = { target: link.target, attributes: link.attributes };
    try {
      out.path = parsePath(link.target);
    } catch {
      // not a numeric path
    }
    links.push(out);
  }
  return links;
}
