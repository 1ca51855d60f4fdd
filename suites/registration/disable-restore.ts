/**
 * LightweightM2M-1.0-int-555 (placeholder in the ETS, designed from the TS): the device restores its
 * connection by itself when the Disable Timeout ends (HLF-040 automatic connection restore).
 *
 * Pass: with /1/x/5 set to RESTORE_S, after Exec /1/x/4 answers 2.04 the device registers with the server
 * again by the end of the Disable Timeout plus its tolerance, without any action from the harness. Coming back
 * too early is HLF-039's finding (int-555-prohibit) and is only noted here.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { etsCase, hlf } from '../common/ids.ts';
import { registerAnswered } from '../common/register-exchange.ts';
import { describeMessage } from '../common/registration-messages.ts';
import { awaitReturn, disableDevice, returnDeadlineMs } from './helpers/disable.ts';

export const RESTORE_S = 120;

export const disableRestore = defineScenario({
  id: `${etsCase(555)}-restore`,
  title: 'After the Disable Timeout the device registers again by itself',
  suite: 'registration',
  verifies: [hlf(40)],
  ets: [etsCase(555)],
  precondition: 'registered',
  timeoutMs: 30 * 60_000,
  async run(ctx) {
    await registerAnswered(ctx);
    const since = ctx.clock.now();
    const run = await disableDevice(ctx, RESTORE_S);
    if (run.execCode !== '2.04') return ctx.inconclusive(`Exec ${run.path} Disable answered ${run.execCode}: the device was not disabled`);
    const back = await awaitReturn(ctx, run);
    const deadline = returnDeadlineMs(ctx, run);
    ctx.check(
      `the device registers again by itself when the ${run.timeoutS} s Disable Timeout ends`,
      back !== undefined,
      `a Register within ${Math.round(deadline / 1000)} s of the Disable`,
      back === undefined ? 'no Register' : `${describeMessage(back)} after ${Math.round((back.at - run.disabledAt) / 1000)} s`,
    );
    if (back !== undefined && back.at < run.disabledAt + run.timeoutS * 1000 - ctx.tolerances.disableMs) {
      ctx.note('the device came back before the Disable Timeout ended (judged by int-555-prohibit, HLF-039)');
    }
    if (back?.kind === 'update') ctx.note('the device resumed its old registration with an Update rather than a new Register');
    ctx.exchangeSince('Exec Disable, the De-register and the return', since);
  },
});
