/**
 * LightweightM2M-1.0-int-203: many resources in one request, Read side (HLF-035).
 *
 * Pass: Read /3/0 with Accept TLV answers 2.05 in TLV, and the one payload carries the mandatory readable
 * resources 11 Error Code and 16 Supported Binding plus every one of 0 Manufacturer, 1 Model, 2 Serial
 * Number and 3 Firmware Version that the device answers on its own (a resource readable alone must be in
 * the instance's answer too).
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { ContentFormat } from '../../harness/lwm2m/values.ts';
import { answerOf, readOk, resourceIds } from './helpers/entries.ts';
import { ets, hlf } from './helpers/ids.ts';

const MANDATORY_READABLE = [11, 16];
const IDENTITY = [0, 1, 2, 3];

export const instanceRead = defineScenario({
  id: `${ets(203)}-instance-read`,
  title: 'Read /3/0 in TLV returns all its readable resources in one answer',
  suite: 'device-management',
  verifies: [hlf(35)],
  ets: [ets(203)],
  precondition: 'registered',
  async run(ctx: ScenarioContext) {
    const since = ctx.clock.now();
    const present = [...MANDATORY_READABLE];
    for (const resourceId of IDENTITY) {
      const one = await ctx.server.read(ctx.endpoint, `/3/0/${resourceId}`);
      if (readOk(one)) present.push(resourceId);
    }
    const whole = await ctx.server.read(ctx.endpoint, '/3/0', { format: ContentFormat.TLV });
    ctx.require('Read /3/0 answers 2.05 with a decodable payload', readOk(whole), '2.05', answerOf(whole));
    ctx.expectEqual('the answer is TLV (11542)', ContentFormat.TLV, whole.raw.contentFormat ?? null);
    const carried = resourceIds(whole.entries);
    const missing = present.filter((id) => !carried.includes(id)).sort((a, b) => a - b);
    ctx.check('Read /3/0 carries every readable resource checked', missing.length === 0, present.sort((a, b) => a - b), carried);
    ctx.exchangeSince('Single reads, then the instance-level Read', since);
  },
});
