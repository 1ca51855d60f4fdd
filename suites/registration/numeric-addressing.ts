/**
 * HLF-002 binary addressing scheme (follows ETS int-101 and int-203).
 *
 * Pass: every link of the Register object list is a numeric /object or /object/instance path (a root-path
 * link with rt="oma.lwm2m" aside); a Read of /3/0 in TLV answers 2.05 with a payload whose entries decode to
 * numeric resource ids; a Read of the numeric path /3/0/11 (Error Code, mandatory) answers 2.05.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { formatPath } from '../../harness/lwm2m/path.ts';
import { ContentFormat } from '../../harness/lwm2m/values.ts';
import { etsCase, hlf } from '../common/ids.ts';
import { answerText } from '../common/read-value.ts';
import { firstRegister } from './helpers/first-register.ts';

export const numericAddressing = defineScenario({
  id: 'hlf-002-numeric-addressing',
  title: 'Objects, instances and resources are addressed by number (Register links, TLV ids, paths)',
  suite: 'registration',
  verifies: [hlf(2)],
  ets: [etsCase(101), etsCase(203)],
  precondition: 'registered',
  async run(ctx) {
    const { params, traceIds } = await firstRegister(ctx);
    ctx.exchange('the Register and its object list', traceIds);
    ctx.expectEqual('every link of the Register object list is a numeric object or object instance path', [], params.otherLinks);
    ctx.check('the object list is not empty', params.objectLinks.length > 0, 'numeric links', params.objectLinks.map((l) => formatPath(l.path)));

    const since = ctx.clock.now();
    const tlv = await ctx.server.read(ctx.endpoint, '/3/0', { format: ContentFormat.TLV });
    const ok = tlv.code === '2.05' && tlv.decodeError === undefined && (tlv.entries?.length ?? 0) > 0;
    ctx.check('Read /3/0 in TLV answers 2.05 with resources identified by number', ok, '2.05 with TLV entries', answerText(tlv));
    if (ok) {
      const ids = (tlv.entries ?? []).map((e) => e.path.resourceId);
      ctx.check('every TLV entry carries a numeric resource id of /3/0', ids.every((id) => Number.isInteger(id)), 'integers', ids.map((id) => id ?? null));
    }
    const single = await ctx.server.read(ctx.endpoint, '/3/0/11');
    ctx.check('Read of the numeric path /3/0/11 answers 2.05', single.code === '2.05', '2.05', answerText(single));
    ctx.exchangeSince('Read /3/0 (TLV) and /3/0/11', since);
  },
});
