/**
 * Waiting for the device to come back after something that restarts it (reboot, factory reset, firmware
 * install). A conformant device sends a new Register; when none arrives within the boot tolerance the
 * absence is the finding, so the wait returns undefined instead of throwing.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import { TimeoutError } from '../../../harness/errors.ts';
import type { RegisterParams, Registration } from '../../../harness/lwm2m/server/registration/registration.ts';

export interface ReRegistration {
  registration: Registration;
  params: RegisterParams;
  /** Run-clock time the Register arrived. */
  at: number;
}

/**
 * The first new Register of this device at or after `since`, or undefined after `timeoutMs` (default bootMs).
 * "New" means it made a registration other than the one current when the wait began: on the virtual clock
 * the power-on Register and a later one can share a timestamp, so time alone cannot tell them apart.
 */
export async function waitForRegister(ctx: ScenarioContext, since: number, timeoutMs = ctx.tolerances.bootMs): Promise<ReRegistration | undefined> {
  const current = ctx.server.get(ctx.endpoint)?.id;
  try {
    const event = await ctx.server.waitFor(
      'registered',
      (e) => e.registration.endpoint === ctx.endpoint && e.registration.id !== current,
      timeoutMs,
      { since },
    );
    return { registration: event.registration, params: event.params, at: event.registration.registeredAt };
  } catch (error) {
    if (error instanceof TimeoutError) return undefined;
    throw error;
  }
}

/** Updates (not Registers) the device sent at or after `since`: how a device that skips its Register shows up. */
export function updatesSince(ctx: ScenarioContext, since: number): number {
  return ctx.server.recorded('updated', since).filter((e) => e.registration.endpoint === ctx.endpoint).length;
}
