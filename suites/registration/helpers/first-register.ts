/**
 * The Register that brought the device into this scenario (precondition 'registered'), with the trace
 * entries of its exchange.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import type { RegisterParams, Registration } from '../../../harness/lwm2m/server/registration/registration.ts';
import { registerExchange } from '../../common/register-exchange.ts';

export interface ObservedRegister {
  registration: Registration;
  params: RegisterParams;
  traceIds: number[];
}

/** The device's most recent Register; inconclusive when the server has seen none. */
export async function firstRegister(ctx: ScenarioContext): Promise<ObservedRegister> {
  const events = ctx.server.recorded('registered').filter((e) => e.registration.endpoint === ctx.endpoint);
  const last = events.at(-1);
  if (last === undefined) return ctx.inconclusive(`the server has seen no Register from '${ctx.endpoint}'`);
  return { registration: last.registration, params: last.params, traceIds: await registerExchange(ctx, last.registration.registeredAt) };
}
