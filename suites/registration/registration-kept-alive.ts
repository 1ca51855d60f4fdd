/**
 * HLF-030 device state retrieval (as the fault catalogue defines it: the server can tell the device's state
 * from its registration; while the device is on, its registration stays valid).
 *
 * Pass: over one full lifetime (plus tolerance) after the Register, the device refreshes its registration
 * (an Update, or a new Register) before it expires, so the server never sees it expire and still holds it.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { hlf } from '../common/ids.ts';
import { registerAnswered } from '../common/register-exchange.ts';
import { describeMessage, markRegistrations, registrationMessagesSince } from '../common/registration-messages.ts';

/** Lifetimes longer than this are not waited out (the scenario would run for more than a day). */
const MAX_LIFETIME_S = 24 * 3600;

export const registrationKeptAlive = defineScenario({
  id: 'hlf-030-registration-kept-alive',
  title: 'The device keeps its registration valid while it is on',
  suite: 'registration',
  verifies: [hlf(30)],
  ets: [],
  precondition: 'registered',
  timeoutMs: 26 * 3600_000,
  async run(ctx) {
    await registerAnswered(ctx);
    const reg = ctx.registration();
    if (reg.lifetime > MAX_LIFETIME_S) return ctx.inconclusive(`lifetime ${reg.lifetime} s is longer than this scenario waits`);
    const since = ctx.clock.now();
    const mark = markRegistrations(ctx);
    await ctx.sleep(Math.max(0, reg.expiresAt - ctx.clock.now()) + ctx.tolerances.lifetimeMs + 1000);
    const expired = ctx.server.recorded('expired', since).filter((e) => e.registration.endpoint === ctx.endpoint);
    const refreshes = registrationMessagesSince(ctx, mark);
    ctx.check(
      `the device refreshes its registration within its lifetime (${reg.lifetime} s)`,
      refreshes.some((m) => m.at <= reg.expiresAt),
      'an Update before the lifetime ends',
      refreshes.length === 0 ? 'nothing' : refreshes.map((m) => `${describeMessage(m)} at +${Math.round((m.at - reg.registeredAt) / 1000)} s`),
    );
    ctx.check('the server never saw the registration expire', expired.length === 0, 'no expiry', expired.length === 0 ? 'no expiry' : `expired ${expired.length} time(s)`);
    ctx.check('the server still holds a registration of the device', ctx.server.get(ctx.endpoint) !== undefined, 'registered', ctx.server.get(ctx.endpoint) ? 'registered' : 'not registered');
    ctx.exchangeSince('registration messages over one lifetime', since);
  },
});
