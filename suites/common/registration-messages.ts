/**
 * The device's Register and Update messages as the reference server saw them, merged into one time-ordered
 * view. Several scenarios accept either (a device that answers a trigger with a new Register still opened a
 * connection); the scenario that cares which one it was (HLF-016) looks at `kind`.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import type { Registration } from '../../harness/lwm2m/server/registration/registration.ts';

export interface RegistrationMessage {
  kind: 'register' | 'update';
  /** Run-clock time the server handled it. */
  at: number;
  /** The registration as it stood after this message. */
  registration: Registration;
  /** Parameters the message itself carried (an Update carries only what changed). */
  carried: { lifetime?: number; binding?: string; sms?: string; objectList: boolean };
}

/**
 * A point in the run from which on messages count as new. On the virtual clock many messages share one
 * millisecond, so a time alone cannot tell "before" from "after": the mark also remembers what was seen.
 */
export interface RegistrationMark {
  time: number;
  seen: ReadonlySet<Registration>;
}

/** Marks now: only messages handled after this call count as new. */
export function markRegistrations(ctx: ScenarioContext): RegistrationMark {
  const time = ctx.clock.now();
  return { time, seen: new Set(collect(ctx, time).map((m) => m.registration)) };
}

/** Every Register and Update of this device after `since` (a mark, or a run-clock time inclusive), oldest first. */
export function registrationMessagesSince(ctx: ScenarioContext, since: number | RegistrationMark): RegistrationMessage[] {
  if (typeof since === 'number') return collect(ctx, since);
  return collect(ctx, since.time).filter((m) => !since.seen.has(m.registration));
}

function collect(ctx: ScenarioContext, since: number): RegistrationMessage[] {
  const out: RegistrationMessage[] = [];
  for (const e of ctx.server.recorded('registered', since)) {
    if (e.registration.endpoint !== ctx.endpoint) continue;
    out.push({
      kind: 'register',
      at: e.registration.registeredAt,
      registration: e.registration,
      carried: { lifetime: e.params.lifetime, binding: e.params.binding, ...(e.params.sms !== undefined ? { sms: e.params.sms } : {}), objectList: true },
    });
  }
  for (const e of ctx.server.recorded('updated', since)) {
    if (e.registration.endpoint !== ctx.endpoint) continue;
    const p = e.params;
    out.push({
      kind: 'update',
      at: e.registration.lastUpdateAt,
      registration: e.registration,
      carried: {
        ...(p.lifetime !== undefined ? { lifetime: p.lifetime } : {}),
        ...(p.binding !== undefined ? { binding: p.binding } : {}),
        ...(p.sms !== undefined ? { sms: p.sms } : {}),
        objectList: p.objectLinks !== undefined,
      },
    });
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * The first Register or Update at or after `since` that satisfies `accept`, or undefined when none came within
 * `timeoutMs` of the run's clock (the absence is usually the finding, so this does not throw).
 */
export function nextRegistrationMessage(
  ctx: ScenarioContext,
  since: number | RegistrationMark,
  timeoutMs: number,
  accept: (m: RegistrationMessage) => boolean = () => true,
): Promise<RegistrationMessage | undefined> {
  const past = registrationMessagesSince(ctx, since).find(accept);
  if (past !== undefined) return Promise.resolve(past);
  return new Promise((resolve) => {
    const offs: Array<() => void> = [];
    const done = (m: RegistrationMessage | undefined): void => {
      for (const off of offs) off();
      timer.cancel();
      resolve(m);
    };
    const consider = (): void => {
      const found = registrationMessagesSince(ctx, since).find(accept);
      if (found !== undefined) done(found);
    };
    // The history is written before listeners run, so re-reading it on each event sees the new message.
    offs.push(ctx.server.on('registered', consider), ctx.server.on('updated', consider));
    const timer = ctx.clock.setTimeout(() => done(undefined), timeoutMs);
  });
}

/** Human-readable summary of a message for evidence, e.g. "Update lt=20" or "Register lt=300 b=U". */
export function describeMessage(m: RegistrationMessage): string {
  const parts: string[] = [m.kind === 'register' ? 'Register' : 'Update'];
  if (m.carried.lifetime !== undefined) parts.push(`lt=${m.carried.lifetime}`);
  if (m.carried.binding !== undefined) parts.push(`b=${m.carried.binding}`);
  if (m.carried.sms !== undefined) parts.push('sms=<number>');
  if (m.kind === 'update' && m.carried.objectList) parts.push('+object list');
  return parts.join(' ');
}
