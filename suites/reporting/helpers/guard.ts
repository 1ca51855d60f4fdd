/**
 * A new Register (a reboot, or a device that registers instead of updating) or the end of the registration
 * ends every observation of the client. What a reporting scenario saw after that says nothing about
 * reporting, so such a scenario is inconclusive: the registration scenarios judge the registration itself.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';

export interface RegistrationGuard {
  /** Ends the scenario as inconclusive when the registration did not last; call before judging. */
  assertKept(): void;
}

export function guardRegistration(ctx: ScenarioContext): RegistrationGuard {
  const since = ctx.clock.now();
  const initialId = ctx.registration().id;
  const mine = (e: { registration: { endpoint: string; id: string } }): boolean => e.registration.endpoint === ctx.endpoint;
  return {
    assertKept() {
      const ended = [
        ...ctx.server.recorded('registered', since).filter((e) => mine(e) && e.registration.id !== initialId).map(() => 'registered again'),
        ...ctx.server.recorded('deregistered', since).filter(mine).map(() => 'de-registered'),
        ...ctx.server.recorded('expired', since).filter(mine).map(() => 'let its registration expire'),
      ];
      if (ended.length > 0) ctx.inconclusive(`the device ${ended.join(', ')} during the scenario, which ends its observations`);
    },
  };
}
