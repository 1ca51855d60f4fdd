/**
 * LightweightM2M-1.0-int-260 Discover Command (HLF-023, device discovery part).
 *
 * Pass: Discover /3 answers 2.05 with link format naming the Device object's resources by numeric path;
 * Write-Attributes pmin=10&pmax=200 on /3/0 answers 2.04 and the next Discover /3 shows them on </3/0>;
 * Write-Attributes lt=1&gt=6&st=1 on a numeric resource (/3/0/7 as in the ETS, or another numeric one the
 * device has) answers 2.04 and Discover of that resource shows them. Attributes inherited from /3/0 in the
 * resource-level answer are noted, not required. The attributes are removed again afterwards.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import type { DiscoveredLink } from '../../harness/lwm2m/server/operation-result.ts';
import { etsCase, hlf } from '../common/ids.ts';
import { registerAnswered } from '../common/register-exchange.ts';

/** Numeric resources of /3/0 that take gt/lt/st, the ETS's choice first. */
const NUMERIC_RESOURCES = [7, 8, 9, 10, 21];

function linkOf(links: readonly DiscoveredLink[] | undefined, target: string): DiscoveredLink | undefined {
  return (links ?? []).find((l) => l.target === target || l.target.endsWith(target));
}

function attrsText(link: DiscoveredLink | undefined): string {
  if (link === undefined) return 'no link';
  const attrs = Object.entries(link.attributes).map(([k, v]) => (v === true ? k : `${k}=${v}`));
  return `<${link.target}>${attrs.length > 0 ? ';' + attrs.join(';') : ''}`;
}

function has(link: DiscoveredLink | undefined, expected: Record<string, string>): boolean {
  return link !== undefined && Object.entries(expected).every(([k, v]) => Number(link.attributes[k]) === Number(v));
}

export const discover = defineScenario({
  id: etsCase(260),
  title: 'Discover lists the Device object resources and the attributes written to them',
  suite: 'registration',
  verifies: [hlf(23)],
  ets: [etsCase(260)],
  precondition: 'registered',
  async run(ctx) {
    await registerAnswered(ctx);
    const since = ctx.clock.now();
    const initial = await ctx.server.discover(ctx.endpoint, '/3');
    ctx.require('Discover /3 answers 2.05', initial.code === '2.05', '2.05', initial.code);
    const resources = (initial.links ?? []).filter((l) => l.path?.objectId === 3 && l.path.instanceId === 0 && l.path.resourceId !== undefined);
    ctx.check('Discover /3 lists the resources of /3/0 by numeric path', resources.length > 0, '</3/0/r> links', (initial.links ?? []).map((l) => l.target));

    const instanceAttrs = await ctx.server.writeAttributes(ctx.endpoint, '/3/0', { pmin: 10, pmax: 200 });
    ctx.require('Write-Attributes /3/0?pmin=10&pmax=200 answers 2.04', instanceAttrs.code === '2.04', '2.04', instanceAttrs.code);
    ctx.defer(async () => void (await ctx.server.writeAttributes(ctx.endpoint, '/3/0', { pmin: null, pmax: null })));
    const second = await ctx.server.discover(ctx.endpoint, '/3');
    const instanceLink = linkOf(second.links, '/3/0');
    ctx.check('Discover /3 shows pmin=10;pmax=200 on </3/0>', second.code === '2.05' && has(instanceLink, { pmin: '10', pmax: '200' }), '</3/0>;pmin=10;pmax=200', `${second.code} ${attrsText(instanceLink)}`);

    const resourceId = NUMERIC_RESOURCES.find((id) => resources.some((l) => l.path?.resourceId === id));
    if (resourceId === undefined) {
      ctx.note(`the device has none of the numeric resources ${NUMERIC_RESOURCES.join(', ')} of /3/0: resource-level attributes not checked`);
    } else {
      const path = `/3/0/${resourceId}`;
      const resourceAttrs = await ctx.server.writeAttributes(ctx.endpoint, path, { lt: 1, gt: 6, st: 1 });
      ctx.require(`Write-Attributes ${path}?lt=1&gt=6&st=1 answers 2.04`, resourceAttrs.code === '2.04', '2.04', resourceAttrs.code);
      ctx.defer(async () => void (await ctx.server.writeAttributes(ctx.endpoint, path, { lt: null, gt: null, st: null })));
      const third = await ctx.server.discover(ctx.endpoint, path);
      const resourceLink = linkOf(third.links, path);
      ctx.check(`Discover ${path} shows lt=1;gt=6;st=1`, third.code === '2.05' && has(resourceLink, { lt: '1', gt: '6', st: '1' }), `<${path}>;lt=1;gt=6;st=1`, `${third.code} ${attrsText(resourceLink)}`);
      if (!has(resourceLink, { pmin: '10', pmax: '200' })) ctx.note(`Discover ${path} does not repeat the pmin/pmax inherited from /3/0 (the ETS expects them)`);
    }
    ctx.exchangeSince('Discover, Write-Attributes, Discover', since);
  },
});
