/**
 * Radio cell identification on a cellular bearer (HLF-028), int-701.
 *
 * Pass: when /4/0/0 Network Bearer is cellular (0..20 in LwM2M 1.0), Read /4/0/8 Cell ID answers 2.05 with an
 * Integer. /4/0/9 SMNC and /4/0/10 SMCC complete the cell's identity; their absence is a warning only.
 * A device on a non-cellular bearer has nothing to show: not-supported.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { answerOf, jsonOf, readOk, singleValue } from './helpers/entries.ts';
import { ets, hlf } from './helpers/ids.ts';

const LAST_CELLULAR_BEARER = 20;

export const cellId = defineScenario({
  id: `${ets(701)}-cell-id`,
  title: 'Cell ID /4/0/8 is reported on a cellular bearer',
  suite: 'device-management',
  verifies: [hlf(28)],
  ets: [ets(701)],
  precondition: 'registered',
  requires: { features: ['cellular'], objects: [4] },
  async run(ctx: ScenarioContext) {
    const since = ctx.clock.now();
    const bearerRead = await ctx.server.read(ctx.endpoint, '/4/0/0');
    const bearer = singleValue(bearerRead.entries, 0);
    if (!readOk(bearerRead) || typeof bearer !== 'number') ctx.inconclusive(`cannot tell the bearer: Read /4/0/0 answered ${JSON.stringify(answerOf(bearerRead))}`);
    if (bearer > LAST_CELLULAR_BEARER) ctx.notSupported(`the current bearer ${bearer} is not cellular (0..${LAST_CELLULAR_BEARER})`);
    ctx.note(`bearer ${bearer} is cellular`);

    const cell = await ctx.server.read(ctx.endpoint, '/4/0/8');
    const id = singleValue(cell.entries, 8);
    ctx.check('Read /4/0/8 Cell ID answers 2.05', readOk(cell), '2.05', answerOf(cell));
    ctx.check('/4/0/8 Cell ID is an Integer', typeof id === 'number' && Number.isInteger(id), 'an integer', jsonOf(id));
    for (const [resourceId, name] of [[9, 'SMNC'], [10, 'SMCC']] as const) {
      const r = await ctx.server.read(ctx.endpoint, `/4/0/${resourceId}`);
      if (!readOk(r)) ctx.warn(`no-${name.toLowerCase()}`, `/4/0/${resourceId} ${name} answered ${r.code}: the cell is not fully identified`);
    }
    ctx.exchangeSince('Bearer and cell identity read', since);
  },
});
