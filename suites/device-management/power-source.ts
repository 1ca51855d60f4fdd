/**
 * Power source status (HLF-006), after the readable resources of int-651.
 *
 * Pass: Read /3/0/6 Available Power Sources answers 2.05 with at least one resource instance, each a source
 * type 0..7. /3/0/7 Voltage and /3/0/8 Current, when the device implements them (2.05, not 4.04), have one
 * resource instance per power source, under the same instance ids: instance n of 7 and 8 describes source n
 * of 6. /3/0/9 Battery Level, when implemented, is 0..100 %. Each resource is read on its own, so an
 * instance-level Read bug (HLF-035) cannot hide or fake this result.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { answerOf, instancesOf, jsonOf, readOk, singleValue } from './helpers/entries.ts';
import { ets, hlf } from './helpers/ids.ts';

const MAX_SOURCE_TYPE = 7;

export const powerSourceStatus = defineScenario({
  id: `${ets(651)}-power-source`,
  title: 'Power sources, voltages and currents are consistent (/3/0/6, 7, 8, 9)',
  suite: 'device-management',
  verifies: [hlf(6)],
  ets: [ets(651)],
  precondition: 'registered',
  async run(ctx: ScenarioContext) {
    const since = ctx.clock.now();
    const sources = await ctx.server.read(ctx.endpoint, '/3/0/6');
    ctx.require('Read /3/0/6 Available Power Sources answers 2.05', readOk(sources), '2.05', answerOf(sources));
    const types = instancesOf(sources.entries, 6);
    const ids = [...types.keys()].sort((a, b) => a - b);
    ctx.check('/3/0/6 lists at least one power source', ids.length > 0, '>= 1 resource instance', ids.length);
    const badTypes = [...types.values()].filter((v) => typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_SOURCE_TYPE);
    ctx.check('every power source type is 0..7', badTypes.length === 0, 'integers 0..7', [...types.values()].map(jsonOf));

    for (const [resourceId, name] of [[7, 'Power Source Voltage'], [8, 'Power Source Current']] as const) {
      await checkPerSource(ctx, resourceId, name, ids);
    }

    const battery = await ctx.server.read(ctx.endpoint, '/3/0/9');
    if (battery.code === '4.04') ctx.note('/3/0/9 Battery Level is not implemented (4.04)');
    else {
      const level = singleValue(battery.entries, 9);
      ctx.check('Read /3/0/9 Battery Level answers 2.05', readOk(battery), '2.05', answerOf(battery));
      ctx.check('/3/0/9 Battery Level is 0..100 %', typeof level === 'number' && level >= 0 && level <= 100, '0..100', jsonOf(level));
    }
    ctx.exchangeSince('Reads of the power source resources', since);
  },
});

async function checkPerSource(ctx: ScenarioContext, resourceId: 7 | 8, name: string, sourceIds: number[]): Promise<void> {
  const read = await ctx.server.read(ctx.endpoint, `/3/0/${resourceId}`);
  if (read.code === '4.04') {
    ctx.note(`/3/0/${resourceId} ${name} is not implemented (4.04): optional resource`);
    return;
  }
  ctx.check(`Read /3/0/${resourceId} ${name} answers 2.05`, readOk(read), '2.05', answerOf(read));
  const values = instancesOf(read.entries, resourceId);
  const ids = [...values.keys()].sort((a, b) => a - b);
  ctx.expectEqual(`/3/0/${resourceId} ${name} has one instance per power source of /3/0/6`, sourceIds, ids);
  const nonNumeric = [...values.values()].filter((v) => typeof v !== 'number');
  ctx.check(`/3/0/${resourceId} ${name} values are numbers`, nonNumeric.length === 0, 'integers', [...values.values()].map(jsonOf));
}
