/**
 * HLF-031 device state change reporting (as the fault catalogue defines it: a queue-mode device that wakes up
 * announces itself with a Registration Update, so the server knows it is reachable again).
 *
 * Pass: with binding UQ (written to /1/x/7 when needed) and an observation whose pmax falls after the device
 * has gone to sleep, the device's first message after sleeping is preceded by an Update (or a Register): the
 * server sees the Update before, or with, the pmax notification. When the device never sleeps before that
 * notification, or sends none, the check cannot be reached (inconclusive).
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { hlf } from '../common/ids.ts';
import { registerAnswered } from '../common/register-exchange.ts';
import { markRegistrations, nextRegistrationMessage, registrationMessagesSince } from '../common/registration-messages.ts';
import { serverResourcePath, ServerRes } from '../common/server-object.ts';
import { TRIGGER_WAIT_MS } from './update-trigger.ts';
import { writeSetting } from './helpers/server-settings.ts';

/** Longer than the 93 s awake window of queue mode, shorter than a typical lifetime. */
const PMAX_S = 150;
/** A stable, mandatory resource: its notifications come from pmax alone. */
const OBSERVED = '/3/0/16';

export const queueWakeUpdate = defineScenario({
  id: 'hlf-031-queue-wake-update',
  title: 'A queue-mode device announces its wake-up with an Update',
  suite: 'registration',
  verifies: [hlf(31)],
  ets: [],
  precondition: 'registered',
  requires: { features: ['queue-mode'] },
  async run(ctx) {
    await registerAnswered(ctx);
    const since = ctx.clock.now();
    if (!ctx.registration().queueMode) {
      if (!ctx.device.capabilities.bindings.includes('UQ')) return ctx.notSupported('the device profile does not list the UQ binding');
      const path = serverResourcePath(ctx, ServerRes.BINDING);
      const mark = markRegistrations(ctx);
      const { result } = await writeSetting(ctx, path, 'UQ');
      if (result.code !== '2.04') return ctx.inconclusive(`Write ${path} = UQ answered ${result.code}: queue mode could not be set`);
      const announced = await nextRegistrationMessage(ctx, mark, TRIGGER_WAIT_MS + ctx.tolerances.lifetimeMs, (m) => m.registration.queueMode);
      if (announced === undefined) return ctx.inconclusive('the device did not announce the UQ binding');
    }
    const attrs = await ctx.server.writeAttributes(ctx.endpoint, OBSERVED, { pmax: PMAX_S });
    if (attrs.code !== '2.04') return ctx.inconclusive(`Write-Attributes ${OBSERVED}?pmax=${PMAX_S} answered ${attrs.code}`);
    const observeAt = ctx.clock.now();
    const observation = await ctx.server.observe(ctx.endpoint, OBSERVED);
    if (!observation.first.success) return ctx.inconclusive(`Observe ${OBSERVED} answered ${observation.first.code}`);
    ctx.defer(() => (observation.active && ctx.server.isAwake(ctx.endpoint) ? observation.cancel('get') : undefined));

    const notified = await ctx.server.waitFor(
      'notification',
      (e) => e.observation === observation,
      PMAX_S * 1000 + ctx.tolerances.notifyMs + 60_000,
      { since: observeAt },
    );
    const at = notified.notification.receivedAt;
    const slept = ctx.server.recorded('sleeping', observeAt).find((e) => e.endpoint === ctx.endpoint && e.at <= at);
    if (slept === undefined) return ctx.inconclusive('the device did not go to sleep before its pmax notification');
    const announcements = registrationMessagesSince(ctx, slept.at).filter((m) => m.at <= at);
    ctx.check(
      'after sleeping, the device announces its wake-up with an Update before (or with) its notification',
      announcements.length > 0,
      'Update, then notification',
      announcements.length > 0 ? `${announcements[0]?.kind ?? ''} at +${Math.round(((announcements[0]?.at ?? at) - slept.at) / 1000)} s after sleeping` : `notification ${Math.round((at - slept.at) / 1000)} s after sleeping, no Update`,
    );
    ctx.exchangeSince('queue mode, sleep, and the wake-up', since);
    if (observation.active) await observation.cancel('get');
  },
});
