/**
 * LightweightM2M-1.0-int-104 Registration Update Trigger (HLF-013 connection trigger).
 *
 * Pass: Exec /1/x/8 answers 2.04 and the device then contacts the server: a Registration Update (a new
 * Register is accepted here as opening the connection; whether it should have been an Update is HLF-016)
 * within TRIGGER_WAIT_MS plus the lifetime tolerance, well before its own periodic Update would be due. The
 * trigger by SMS (binding with S) is sms-update-trigger.ts.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { etsCase, hlf } from '../common/ids.ts';
import { registerAnswered } from '../common/register-exchange.ts';
import { describeMessage, markRegistrations, nextRegistrationMessage } from '../common/registration-messages.ts';
import { serverResourcePath, ServerRes } from '../common/server-object.ts';

/** How soon after the trigger the device must speak (it should at once). */
export const TRIGGER_WAIT_MS = 30_000;

export const updateTrigger = defineScenario({
  id: etsCase(104),
  title: 'Registration Update Trigger makes the device send an Update',
  suite: 'registration',
  verifies: [hlf(13)],
  ets: [etsCase(104)],
  precondition: 'registered',
  async run(ctx) {
    await registerAnswered(ctx);
    const reg = ctx.registration();
    const window = TRIGGER_WAIT_MS + ctx.tolerances.lifetimeMs;
    // Its own periodic Update inside the window would look like an answer to the trigger.
    if (reg.expiresAt - ctx.clock.now() < 2 * window) ctx.note('the periodic Update is due soon after the trigger: a pass may be ambiguous');
    const since = ctx.clock.now();
    const mark = markRegistrations(ctx);
    const path = serverResourcePath(ctx, ServerRes.REGISTRATION_UPDATE_TRIGGER);
    const exec = await ctx.server.execute(ctx.endpoint, path);
    ctx.require(`Exec ${path} answers 2.04`, exec.code === '2.04', '2.04', exec.code);
    const message = await nextRegistrationMessage(ctx, mark, window);
    ctx.check(
      'the device sends a Registration Update after the trigger',
      message !== undefined,
      `Update within ${Math.round(window / 1000)} s`,
      message === undefined ? 'nothing' : describeMessage(message),
    );
    if (message?.kind === 'register') ctx.note('the trigger was answered with a new Register instead of an Update (judged by HLF-016)');
    if (message?.kind === 'update' && (message.carried.lifetime !== undefined || message.carried.binding !== undefined || message.carried.objectList)) {
      ctx.note(`the Update carried parameters although nothing changed: ${describeMessage(message)}`);
    }
    ctx.exchangeSince('Exec Registration Update Trigger and the Update', since);
  },
});
