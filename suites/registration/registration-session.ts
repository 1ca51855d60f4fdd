/**
 * HLF-016 session-based communication (as the fault catalogue defines it without DTLS: one registration
 * session, Register once, then Updates on its location).
 *
 * Pass: the next registration message after the Register (asked for with Exec /1/x/8, or else the device's
 * own periodic one before the lifetime ends) is an Update on the location the server gave, not a new Register,
 * and the server's registration keeps its id.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { etsCase, hlf } from '../common/ids.ts';
import { registerAnswered } from '../common/register-exchange.ts';
import { describeMessage, markRegistrations, nextRegistrationMessage } from '../common/registration-messages.ts';
import { serverResourcePath, ServerRes } from '../common/server-object.ts';
import { TRIGGER_WAIT_MS } from './update-trigger.ts';

export const registrationSession = defineScenario({
  id: 'hlf-016-registration-session',
  title: 'The device keeps its registration session: Updates on its location, no new Register',
  suite: 'registration',
  verifies: [hlf(16)],
  ets: [etsCase(104)],
  precondition: 'registered',
  async run(ctx) {
    await registerAnswered(ctx);
    const reg = ctx.registration();
    const since = ctx.clock.now();
    const mark = markRegistrations(ctx);
    const path = serverResourcePath(ctx, ServerRes.REGISTRATION_UPDATE_TRIGGER);
    const exec = await ctx.server.execute(ctx.endpoint, path);
    let message = exec.code === '2.04' ? await nextRegistrationMessage(ctx, mark, TRIGGER_WAIT_MS + ctx.tolerances.lifetimeMs) : undefined;
    if (message === undefined) {
      ctx.note(`no answer to Exec ${path} (${exec.code}); waiting for the device's own Update before the lifetime ends`);
      message = await nextRegistrationMessage(ctx, mark, Math.max(0, reg.expiresAt - ctx.clock.now()) + ctx.tolerances.lifetimeMs);
    }
    if (message === undefined) return ctx.inconclusive('the device sent neither an Update nor a Register after the trigger or before its lifetime ended');
    ctx.expectEqual('the device continues its registration with an Update (not a new Register)', 'Update', message.kind === 'update' ? 'Update' : describeMessage(message));
    ctx.expectEqual('the registration keeps the location the server gave at Register', reg.id, message.registration.id);
    ctx.exchangeSince('the registration message that follows the Register', since);
  },
});
