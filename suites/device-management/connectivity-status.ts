/**
 * Connectivity status retrieval (HLF-026), int-701.
 *
 * Pass: Read of the whole /4/0 instance answers 2.05 with a decodable payload that holds /4/0/0 Network
 * Bearer; /4/0/1 Available Network Bearer and /4/0/4 IP Addresses (mandatory) read 2.05 on their own.
 * Signal strength (/4/0/2) is judged by HLF-025, the address's value by HLF-037, cell data by HLF-028, and
 * the completeness of instance-level Reads by HLF-035, so none of those can turn this scenario.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { ContentFormat } from '../../harness/lwm2m/values.ts';
import { answerOf, entriesOf, jsonOf, readOk, resourceIds } from './helpers/entries.ts';
import { ets, hlf } from './helpers/ids.ts';

export const connectivityStatus = defineScenario({
  id: `${ets(701)}-connectivity-status`,
  title: 'Connectivity Monitoring /4/0 reads as a whole',
  suite: 'device-management',
  verifies: [hlf(26)],
  ets: [ets(701)],
  precondition: 'registered',
  requires: { objects: [4] },
  async run(ctx: ScenarioContext) {
    const since = ctx.clock.now();
    const all = await ctx.server.read(ctx.endpoint, '/4/0', { format: ContentFormat.TLV });
    ctx.check('Read /4/0 answers 2.05 with a decodable payload', readOk(all), '2.05', answerOf(all));
    ctx.note(`/4/0 carried resources ${JSON.stringify(resourceIds(all.entries))}`);
    const bearer = entriesOf(all.entries, 0)[0]?.value;
    ctx.check('/4/0 carries /4/0/0 Network Bearer (an Integer)', typeof bearer === 'number' && Number.isInteger(bearer), 'an integer', jsonOf(bearer));

    for (const [resourceId, name] of [[1, 'Available Network Bearer'], [4, 'IP Addresses']] as const) {
      const one = await ctx.server.read(ctx.endpoint, `/4/0/${resourceId}`);
      ctx.check(`Read /4/0/${resourceId} ${name} answers 2.05 with at least one value`, readOk(one) && entriesOf(one.entries, resourceId).length > 0, '2.05, >= 1 value', answerOf(one));
    }
    ctx.exchangeSince('Connectivity Monitoring read', since);
  },
});
