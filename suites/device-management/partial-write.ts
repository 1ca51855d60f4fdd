/**
 * Many resources in one request, Write side (HLF-035): a partial update of /3/0 as in int-651 (the TLV Write of
 * int-215 applied to object 3, whose writable resources do not change how the device registers).
 *
 * Pass: one Write (CoAP POST, TLV) on /3/0 carrying /3/0/14 UTC Offset and /3/0/15 Timezone answers 2.04, and
 * each resource then reads back the written value. The original values are written back afterwards.
 * A device without both resources cannot show this here: inconclusive.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { ContentFormat, type ResourceEntry } from '../../harness/lwm2m/values.ts';
import { jsonOf, readOk, singleValue } from './helpers/entries.ts';
import { ets, hlf } from './helpers/ids.ts';

const UTC_OFFSET = 14;
const TIMEZONE = 15;

export const partialWrite = defineScenario({
  id: `${ets(651)}-partial-write`,
  title: 'One TLV Write on /3/0 sets /3/0/14 and /3/0/15 together',
  suite: 'device-management',
  verifies: [hlf(35)],
  ets: [ets(651), ets(215)],
  precondition: 'registered',
  async run(ctx: ScenarioContext) {
    const since = ctx.clock.now();
    const original = new Map<number, string>();
    for (const resourceId of [UTC_OFFSET, TIMEZONE]) {
      const read = await ctx.server.read(ctx.endpoint, `/3/0/${resourceId}`);
      const value = singleValue(read.entries, resourceId);
      if (!readOk(read) || typeof value !== 'string') ctx.inconclusive(`/3/0/${resourceId} is not readable as a string (${read.code}): no pair of writable resources to write together`);
      original.set(resourceId, value);
    }
    const wanted = new Map<number, string>([
      [UTC_OFFSET, original.get(UTC_OFFSET) === '+02:00' ? '+03:00' : '+02:00'],
      [TIMEZONE, original.get(TIMEZONE) === 'Europe/Berlin' ? 'Europe/Helsinki' : 'Europe/Berlin'],
    ]);
    const entries = (values: Map<number, string>): ResourceEntry[] =>
      [...values].map(([resourceId, value]) => ({ path: { objectId: 3, instanceId: 0, resourceId }, value }));
    ctx.defer(async () => {
      await ctx.server.write(ctx.endpoint, '/3/0', entries(original), { mode: 'update', format: ContentFormat.TLV });
    });

    const write = await ctx.server.write(ctx.endpoint, '/3/0', entries(wanted), { mode: 'update', format: ContentFormat.TLV });
    ctx.expectEqual('partial Write (POST) of /3/0/14 and /3/0/15 in one TLV payload answers 2.04', '2.04', write.code);
    for (const [resourceId, value] of wanted) {
      const read = await ctx.server.read(ctx.endpoint, `/3/0/${resourceId}`);
      ctx.expectEqual(`/3/0/${resourceId} reads back the written value`, value, jsonOf(singleValue(read.entries, resourceId)));
    }
    ctx.exchangeSince('Partial Write of two resources, then reads', since);
  },
});
