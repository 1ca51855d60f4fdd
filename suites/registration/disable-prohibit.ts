/**
 * LightweightM2M-1.0-int-555 (placeholder in the ETS, designed from the TS): Disable keeps the device away for
 * the Disable Timeout (HLF-010 disable, HLF-039 temporary connection prohibition).
 *
 * Pass: with /1/x/5 set to PROHIBIT_S, Exec /1/x/4 answers 2.04 and from then until the Disable Timeout
 * (less its tolerance) the device sends the server no request other than its De-register: no Register, no
 * Update. Whether it de-registered is int-103; whether it comes back is int-555-restore.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { etsCase, hlf } from '../common/ids.ts';
import { registerAnswered } from '../common/register-exchange.ts';
import { describeEntries, pathText, requestsToServer } from '../common/wire.ts';
import { awaitReturn, disableDevice } from './helpers/disable.ts';

export const PROHIBIT_S = 120;

export const disableProhibit = defineScenario({
  id: `${etsCase(555)}-prohibit`,
  title: 'After Disable the device stays silent for the Disable Timeout',
  suite: 'registration',
  verifies: [hlf(10), hlf(39)],
  ets: [etsCase(555)],
  precondition: 'registered',
  timeoutMs: 30 * 60_000,
  async run(ctx) {
    await registerAnswered(ctx);
    const since = ctx.clock.now();
    const run = await disableDevice(ctx, PROHIBIT_S);
    ctx.require(`Exec ${run.path} Disable answers 2.04`, run.execCode === '2.04', '2.04', run.execCode);
    const silentUntil = run.disabledAt + run.timeoutS * 1000 - ctx.tolerances.disableMs;
    await ctx.sleep(Math.max(0, silentUntil - ctx.clock.now()));
    const spoke = requestsToServer(ctx, run.disabledAt, silentUntil)
      // Coming back exactly when the timeout ends is right: the window excludes its end.
      .filter((e) => e.id > run.traceMark && e.time < silentUntil)
      // The De-register (and its retransmissions) is the expected last word.
      .filter((e) => !(e.message.code === '0.04' && pathText(e.message).startsWith('/rd/')));
    ctx.check(
      `no Register, Update or other request from the device for the ${run.timeoutS} s Disable Timeout`,
      spoke.length === 0,
      `silence until ${Math.round((silentUntil - run.disabledAt) / 1000)} s after Disable`,
      spoke.length === 0 ? 'silence' : describeEntries(ctx, spoke),
    );
    ctx.exchangeSince('Exec Disable, De-register, and anything the device sent during the Disable Timeout', since);
    // Let the device come back so that its restored settings reach it (judged by int-555-restore).
    await awaitReturn(ctx, run);
  },
});
