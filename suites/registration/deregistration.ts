/**
 * LightweightM2M-1.0-int-103 Deregistration (HLF-010 enable and disable the device, the disabling part).
 *
 * Pass: Exec /1/x/4 Disable answers 2.04, and the device then de-registers (DELETE on its registration
 * location, which the server answers 2.02 and which removes the registration). Staying away for the Disable
 * Timeout is checked by int-555-prohibit, coming back by int-555-restore.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { TimeoutError } from '../../harness/errors.ts';
import { etsCase, hlf } from '../common/ids.ts';
import { registerAnswered } from '../common/register-exchange.ts';
import { awaitReturn, disableDevice } from './helpers/disable.ts';

/** How soon after the Disable the De-register must come (it should at once). */
const DEREGISTER_WAIT_MS = 30_000;
/** A short Disable Timeout so the device is back (and its setting restored) when the scenario ends. */
const DISABLE_TIMEOUT_S = 60;

export const deregistration = defineScenario({
  id: etsCase(103),
  title: 'Disable makes the device de-register',
  suite: 'registration',
  verifies: [hlf(10)],
  ets: [etsCase(103), etsCase(555)],
  precondition: 'registered',
  timeoutMs: 20 * 60_000,
  async run(ctx) {
    await registerAnswered(ctx);
    const reg = ctx.registration();
    const since = ctx.clock.now();
    const run = await disableDevice(ctx, DISABLE_TIMEOUT_S);
    ctx.require(`Exec ${run.path} Disable answers 2.04`, run.execCode === '2.04', '2.04', run.execCode);
    let deregistered = false;
    try {
      await ctx.server.waitFor('deregistered', (e) => e.registration.id === reg.id, DEREGISTER_WAIT_MS + ctx.tolerances.lifetimeMs, { since: run.disabledAt });
      deregistered = true;
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
    }
    ctx.check('the device de-registers after Disable (DELETE on its location, removed from the server)', deregistered, 'De-register', deregistered ? 'De-register' : 'no De-register; the server still holds the registration');
    ctx.exchangeSince('Exec Disable and the De-register', since);
    // Let the device come back so that its restored settings reach it (not judged here).
    await awaitReturn(ctx, run);
  },
});
