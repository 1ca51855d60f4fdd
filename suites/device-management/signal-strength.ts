/**
 * Radio signal strength and the time of the measurement (HLF-025), after int-701.
 *
 * Pass: Read /4/0/2 Radio Signal Strength answers 2.05 with an Integer (dBm), and Read /3/0/13 Current Time
 * answers 2.05 with a Time, so the server can date the measurement. A strength outside -150..0 dBm is not a
 * failure (devices differ) but earns a warning.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { answerOf, jsonOf, readOk, singleValue } from './helpers/entries.ts';
import { ets, hlf } from './helpers/ids.ts';

export const signalStrength = defineScenario({
  id: `${ets(701)}-signal-strength`,
  title: 'Radio signal strength /4/0/2 and the device time /3/0/13 are readable',
  suite: 'device-management',
  verifies: [hlf(25)],
  ets: [ets(701)],
  precondition: 'registered',
  requires: { objects: [4] },
  async run(ctx: ScenarioContext) {
    const since = ctx.clock.now();
    const rss = await ctx.server.read(ctx.endpoint, '/4/0/2');
    const dbm = singleValue(rss.entries, 2);
    ctx.check('Read /4/0/2 Radio Signal Strength answers 2.05', readOk(rss), '2.05', answerOf(rss));
    ctx.check('/4/0/2 is an Integer (dBm)', typeof dbm === 'number' && Number.isInteger(dbm), 'an integer', jsonOf(dbm));
    if (typeof dbm === 'number' && (dbm < -150 || dbm > 0)) ctx.warn('rss-range', `/4/0/2 reads ${dbm} dBm, outside the plausible -150..0 dBm`);

    const time = await ctx.server.read(ctx.endpoint, '/3/0/13');
    const seconds = singleValue(time.entries, 13);
    ctx.check('Read /3/0/13 Current Time answers 2.05', readOk(time), '2.05', answerOf(time));
    ctx.check('/3/0/13 is a Time (seconds since 1970)', typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0, 'a non-negative number', jsonOf(seconds));
    ctx.exchangeSince('Signal strength and device time read', since);
  },
});
