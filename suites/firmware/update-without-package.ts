/**
 * LightweightM2M-1.0-int-772: Execute Update with no downloaded package (HLF-005).
 *
 * Pass: with the state machine reset (Write /5/0/1 "": State 0, not Downloaded), Exec /5/0/2 installs nothing:
 * State and Update Result read the same as before, and the device does not restart (no new Register within the
 * boot tolerance). The ETS asks for 4.05 on the Execute; the TS does not state the code, so another answer is
 * a warning, not a failure.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { jsonOf } from '../device-management/helpers/entries.ts';
import { ets, hlf } from '../device-management/helpers/ids.ts';
import { waitForRegister } from '../device-management/helpers/re-registration.ts';
import { FwState, readFirmwareState } from './helpers/firmware-state.ts';
import { resetFirmware } from './helpers/update-flow.ts';

export const updateWithoutPackage = defineScenario({
  id: ets(772),
  title: 'Exec /5/0/2 without a downloaded package changes nothing',
  suite: 'firmware',
  verifies: [hlf(5)],
  ets: [ets(772)],
  precondition: 'registered',
  requires: { objects: [5] },
  async run(ctx: ScenarioContext) {
    const since = ctx.clock.now();
    const reset = await resetFirmware(ctx);
    const before = await readFirmwareState(ctx);
    if (reset.code !== '2.04' || before.state === undefined || before.state === FwState.DOWNLOADED) {
      ctx.inconclusive(`could not bring the state machine out of Downloaded: reset answered ${reset.code}, State ${before.state ?? '?'}`);
    }
    ctx.check('before: Update Result is a valid value (0..9)', before.result !== undefined && before.result >= 0 && before.result <= 9, '0..9', jsonOf(before.result));

    const exec = await ctx.server.execute(ctx.endpoint, '/5/0/2');
    if (exec.code !== '4.05') ctx.warn('fw-update-exec-code', `Exec /5/0/2 without a package answered ${exec.code}; the ETS (int-772) expects 4.05`);
    const restarted = await waitForRegister(ctx, ctx.clock.now());
    const after = await readFirmwareState(ctx);
    ctx.expectEqual('State and Update Result are unchanged', [jsonOf(before.state), jsonOf(before.result)], [jsonOf(after.state), jsonOf(after.result)]);
    ctx.check('the device does not restart (no firmware was installed)', restarted === undefined, 'no new Register', restarted ? `Register after ${restarted.at - since} ms` : 'no new Register');
    ctx.exchangeSince('Exec Update without a package', since);
  },
});
