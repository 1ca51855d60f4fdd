/**
 * LightweightM2M-1.0-int-241 (= int-655): remote restart (HLF-008).
 *
 * Pass: Exec /3/0/4 Reboot answers 2.04, and within the boot tolerance the device registers again with a new
 * Register (a restarted device has lost its CoAP session and observations, so resuming the old registration
 * with an Update is not a restart the server can rely on).
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { ets, hlf } from './helpers/ids.ts';
import { updatesSince, waitForRegister } from './helpers/re-registration.ts';

/**
 * The server sees the Register before the device sees its answer; a reboot in between would catch the device
 * still registering. A short pause lets it reach "registered" from its own point of view first.
 */
const SETTLE_MS = 2000;

export const reboot = defineScenario({
  id: ets(241),
  title: 'Exec /3/0/4 Reboot: 2.04, then the device registers again',
  suite: 'device-management',
  verifies: [hlf(8)],
  ets: [ets(241), ets(655)],
  precondition: 'registered',
  requires: { features: ['reboot'] },
  async run(ctx: ScenarioContext) {
    await ctx.sleep(SETTLE_MS);
    const since = ctx.clock.now();
    const exec = await ctx.server.execute(ctx.endpoint, '/3/0/4');
    ctx.require('Exec /3/0/4 Reboot answers 2.04', exec.code === '2.04', '2.04', exec.code);
    const back = await waitForRegister(ctx, ctx.clock.now());
    const updates = updatesSince(ctx, since);
    ctx.check(
      'the device sends a new Register after the reboot',
      back !== undefined,
      `Register within ${ctx.tolerances.bootMs} ms`,
      back ? `Register after ${back.at - since} ms` : `no Register (${updates} Update(s) instead)`,
    );
    ctx.exchangeSince('Reboot and re-registration', since);
  },
});
