/**
 * HLF-015 SMS-based communication: what is checkable without an SMS bearer (see the fault catalogue's
 * definition). The harness cannot send or receive SMS, so operations over SMS are not exercised.
 *
 * Pass: when the device runs (or is configured through /1/x/7) with a binding that includes S, its Register or
 * Update carries the `sms` parameter with a non-empty MSISDN, so that a server could reach it by SMS. A device
 * whose profile lists no binding with S is not-supported.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { hlf } from '../common/ids.ts';
import { registerAnswered } from '../common/register-exchange.ts';
import { describeMessage, markRegistrations, nextRegistrationMessage } from '../common/registration-messages.ts';
import { serverResourcePath, ServerRes } from '../common/server-object.ts';
import { TRIGGER_WAIT_MS } from './update-trigger.ts';
import { writeSetting } from './helpers/server-settings.ts';

export const smsBinding = defineScenario({
  id: 'hlf-015-sms-binding-number',
  title: 'With an SMS binding the device announces its MSISDN (sms parameter)',
  suite: 'registration',
  verifies: [hlf(15)],
  ets: [],
  precondition: 'registered',
  async run(ctx) {
    await registerAnswered(ctx);
    const reg = ctx.registration();
    const since = ctx.clock.now();
    let binding = reg.binding;
    let sms = reg.sms;
    let evidence = `Register b=${reg.binding}`;
    if (!binding.includes('S')) {
      const smsBindings = ctx.device.capabilities.bindings.filter((b) => b.includes('S'));
      const target = smsBindings.find((b) => b === 'US') ?? smsBindings[0];
      if (target === undefined) return ctx.notSupported(`the device profile lists no binding with S (${ctx.device.capabilities.bindings.join(', ')})`);
      const path = serverResourcePath(ctx, ServerRes.BINDING);
      const mark = markRegistrations(ctx);
      const { result } = await writeSetting(ctx, path, target);
      if (result.code !== '2.04') return ctx.inconclusive(`Write ${path} = ${target} answered ${result.code}: the SMS binding could not be set`);
      const announced = await nextRegistrationMessage(ctx, mark, TRIGGER_WAIT_MS + ctx.tolerances.lifetimeMs, (m) => m.carried.binding !== undefined);
      if (announced === undefined) return ctx.inconclusive(`the device did not announce the binding ${target} written to ${path}`);
      binding = announced.registration.binding;
      sms = announced.carried.sms ?? announced.registration.sms;
      evidence = describeMessage(announced);
    }
    if (!binding.includes('S')) return ctx.inconclusive(`the device announced binding ${binding}, without S`);
    ctx.check(`with binding ${binding} the device announces its MSISDN (sms=)`, typeof sms === 'string' && sms.length > 0, 'sms=<MSISDN>', sms === undefined ? `${evidence}, no sms parameter` : evidence);
    ctx.note('operations over an SMS bearer are not exercised: the harness has no SMS bearer');
    ctx.exchangeSince('the registration message with the SMS binding', since);
  },
});
