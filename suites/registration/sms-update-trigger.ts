/**
 * hlf-013-sms-update-trigger: the connection trigger by SMS (HLF-013 "where the binding has S"; LwM2M 1.0 TS
 * §5.3.2: with a binding that includes S the server may send the Registration Update Trigger by SMS).
 *
 * Setup: the device on a binding with S (helpers/sms-binding.ts), registered with its MSISDN (sms=).
 * Pass: Exec /1/x/8 sent by SMS to that MSISDN is answered 2.04 (by SMS), and the device then contacts the
 * server with a Registration Update (a new Register is accepted as opening the connection; whether it should
 * have been an Update is HLF-016) within TRIGGER_WAIT_MS plus the lifetime tolerance.
 * Verdicts: a profile that declares the sms feature absent, or lists no S binding, is not-supported; a lab without an SMS bearer, or a device that
 * announced no number or did not attach it, is inconclusive (the trigger could not be delivered); an Exec by
 * SMS left unanswered, answered otherwise than 2.04, or not followed by an Update is fail.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { TimeoutError } from '../../harness/errors.ts';
import { hlf } from '../common/ids.ts';
import { registerAnswered } from '../common/register-exchange.ts';
import { describeMessage, markRegistrations, nextRegistrationMessage } from '../common/registration-messages.ts';
import { serverResourcePath, ServerRes } from '../common/server-object.ts';
import { ensureSmsBinding } from './helpers/sms-binding.ts';
import { TRIGGER_WAIT_MS } from './update-trigger.ts';

/** SMS takes seconds per hop; CoAP gives a confirmable request MAX_TRANSMIT_WAIT to be answered. */
const SMS_EXEC_TIMEOUT_MS = 93_000;

export const smsUpdateTrigger = defineScenario({
  id: 'hlf-013-sms-update-trigger',
  title: 'A Registration Update Trigger sent by SMS makes the device send an Update',
  suite: 'registration',
  verifies: [hlf(13)],
  ets: [],
  precondition: 'registered',
  requires: { features: ['sms'] },
  bearer: 'sms',
  async run(ctx) {
    await registerAnswered(ctx);
    const { binding, sms } = await ensureSmsBinding(ctx);
    const bearer = ctx.world.sms;
    if (bearer === undefined) return ctx.inconclusive('this lab has no SMS bearer: the trigger by SMS could not be sent');
    if (bearer.server !== ctx.server) return ctx.inconclusive('the SMS bearer reaches the plain reference server only, and this scenario runs on another (DTLS); SMS security is not modelled');
    if (sms === undefined || sms.length === 0) return ctx.inconclusive(`with binding ${binding} the device announced no MSISDN (HLF-015's check): nowhere to send the trigger`);
    if (!bearer.center.isAttached(sms)) return ctx.inconclusive(`no device is attached at ${sms} on the simulated SMS bearer`);

    const since = ctx.clock.now();
    const mark = markRegistrations(ctx);
    const path = serverResourcePath(ctx, ServerRes.REGISTRATION_UPDATE_TRIGGER);
    let exec;
    try {
      exec = await ctx.server.execute(ctx.endpoint, path, undefined, { bearer: 'sms', timeoutMs: SMS_EXEC_TIMEOUT_MS });
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
      ctx.exchangeSince(`Exec ${path} sent by SMS`, since);
      return ctx.fail(`Exec ${path} sent by SMS to ${sms} is answered`, '2.04 by SMS', `no answer within ${SMS_EXEC_TIMEOUT_MS} ms`);
    }
    ctx.exchange(`Exec ${path} by SMS to ${sms} (server ${bearer.serverNumber})`, exec.traceIds);
    ctx.require(`Exec ${path} by SMS answers 2.04`, exec.code === '2.04', '2.04', exec.code);
    const window = TRIGGER_WAIT_MS + ctx.tolerances.lifetimeMs;
    const message = await nextRegistrationMessage(ctx, mark, window);
    ctx.check(
      'the device sends a Registration Update after the trigger by SMS',
      message !== undefined,
      `Update within ${Math.round(window / 1000)} s`,
      message === undefined ? 'nothing' : describeMessage(message),
    );
    if (message?.kind === 'register') ctx.note('the trigger was answered with a new Register instead of an Update (judged by HLF-016)');
    ctx.exchangeSince('Exec Registration Update Trigger by SMS and the Update', since);
  },
});
