/**
 * Puts the device on a binding with S, as the SMS scenarios (HLF-015, HLF-013's SMS trigger) need: its own
 * binding when it already has S, else US (or the first S binding its profile lists) written to /1/x/7 and
 * announced in the next Update. A profile with no S binding is not-supported; a device that refuses or does
 * not announce the binding is inconclusive (the SMS checks could not be reached).
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import { describeMessage, markRegistrations, nextRegistrationMessage } from '../../common/registration-messages.ts';
import { serverResourcePath, ServerRes } from '../../common/server-object.ts';
import { TRIGGER_WAIT_MS } from '../update-trigger.ts';
import { writeSetting } from './server-settings.ts';

export interface SmsBindingState {
  binding: string;
  /** The MSISDN the device announced (sms=), if any. */
  sms: string | undefined;
  /** The registration message that announced it, for the check's observed text. */
  evidence: string;
}

export async function ensureSmsBinding(ctx: ScenarioContext): Promise<SmsBindingState> {
  const reg = ctx.registration();
  if (reg.binding.includes('S')) return { binding: reg.binding, sms: reg.sms, evidence: `Register b=${reg.binding}` };
  const smsBindings = ctx.device.capabilities.bindings.filter((b) => b.includes('S'));
  const target = smsBindings.find((b) => b === 'US') ?? smsBindings[0];
  if (target === undefined) return ctx.notSupported(`the device profile lists no binding with S (${ctx.device.capabilities.bindings.join(', ')})`);
  const path = serverResourcePath(ctx, ServerRes.BINDING);
  const mark = markRegistrations(ctx);
  const { result } = await writeSetting(ctx, path, target);
  if (result.code !== '2.04') return ctx.inconclusive(`Write ${path} = ${target} answered ${result.code}: the SMS binding could not be set`);
  const announced = await nextRegistrationMessage(ctx, mark, TRIGGER_WAIT_MS + ctx.tolerances.lifetimeMs, (m) => m.carried.binding !== undefined);
  if (announced === undefined) return ctx.inconclusive(`the device did not announce the binding ${target} written to ${path}`);
  const binding = announced.registration.binding;
  if (!binding.includes('S')) return ctx.inconclusive(`the device announced binding ${binding}, without S`);
  return { binding, sms: announced.carried.sms ?? announced.registration.sms, evidence: describeMessage(announced) };
}
