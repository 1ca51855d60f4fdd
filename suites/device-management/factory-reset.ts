/**
 * LightweightM2M-1.0-int-656: factory reset (HLF-009).
 *
 * Pass: after the server changed a setting (Write /1/0/1 Lifetime, read back), Exec /3/0/5 Factory Reset
 * answers 2.04; the device restarts and registers again with a new Register whose lifetime is the factory
 * one (the `lt` of the Register it made at power-on in this scenario), and /1/0/1 reads that value again.
 * The scenario restores nothing: a reset device is already back in its factory configuration.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { answerOf, jsonOf, singleValue } from './helpers/entries.ts';
import { ets, hlf } from './helpers/ids.ts';
import { waitForRegister } from './helpers/re-registration.ts';

/** Time for the Update (or Register) the lifetime Write provokes to reach the server before the reset. */
const SETTLE_MS = 5000;

export const factoryReset = defineScenario({
  id: ets(656),
  title: 'Exec /3/0/5 Factory Reset: 2.04, the device returns with its factory configuration',
  suite: 'device-management',
  verifies: [hlf(9)],
  ets: [ets(656)],
  precondition: 'registered',
  requires: { features: ['factory-reset'] },
  async run(ctx: ScenarioContext) {
    const since = ctx.clock.now();
    const factoryLifetime = ctx.registration().lifetime;
    const changed = factoryLifetime === 4321 ? 4322 : 4321;
    const lifetimePath = { objectId: 1, instanceId: 0, resourceId: 1 };
    const write = await ctx.server.write(ctx.endpoint, '/1/0/1', [{ path: lifetimePath, value: changed }]);
    const readBack = await ctx.server.read(ctx.endpoint, '/1/0/1');
    if (write.code !== '2.04' || singleValue(readBack.entries, 1) !== changed) {
      ctx.inconclusive(`could not change a setting before the reset: Write /1/0/1 answered ${write.code}, reads back ${JSON.stringify(jsonOf(singleValue(readBack.entries, 1)))}`);
    }
    ctx.note(`factory lifetime ${factoryLifetime} s (from the power-on Register); written ${changed} s`);
    await ctx.sleep(SETTLE_MS);

    const exec = await ctx.server.execute(ctx.endpoint, '/3/0/5');
    ctx.require('Exec /3/0/5 Factory Reset answers 2.04', exec.code === '2.04', '2.04', exec.code);
    const back = await waitForRegister(ctx, ctx.clock.now());
    ctx.require('the device registers again after the factory reset', back !== undefined, `Register within ${ctx.tolerances.bootMs} ms`, back ? 'registered' : 'no Register');
    ctx.expectEqual('the new Register carries the factory lifetime', factoryLifetime, back?.params.lifetime ?? null);
    const after = await ctx.server.read(ctx.endpoint, '/1/0/1');
    ctx.check('/1/0/1 Lifetime reads the factory value again', singleValue(after.entries, 1) === factoryLifetime, factoryLifetime, after.code === '2.05' ? jsonOf(singleValue(after.entries, 1)) : answerOf(after));
    ctx.exchangeSince('Setting changed, factory reset, re-registration', since);
  },
});
