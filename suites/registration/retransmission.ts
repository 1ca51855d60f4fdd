/**
 * HLF-036 message delivery acknowledgement, device to server: the device retransmits a confirmable request
 * whose ACK does not reach it, with the RFC 7252 backoff.
 *
 * Pass: after Exec /1/x/8 the device's Update (or Register) is answered by the server, but the link drops
 * everything towards the device for DROP_MS; the device sends the same message (same message id) again:
 * the first retransmission ACK_TIMEOUT..ACK_TIMEOUT*ACK_RANDOM_FACTOR (2-3 s) after the original, each later
 * one after twice the previous interval, within RETRANSMIT_SLACK_MS (the lab link's delay variation; the
 * virtual lab is exact). After the link heals, its next copy is acknowledged and it stops.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import type { TraceEntry } from '../../harness/coap/trace.ts';
import { hlf } from '../common/ids.ts';
import { registerAnswered } from '../common/register-exchange.ts';
import { serverResourcePath, ServerRes } from '../common/server-object.ts';
import { intoServer, isRequest, pathText, traceMark, waitForTrace } from '../common/wire.ts';
import { sameEndpoint } from '../../harness/net/transport.ts';
import { TRIGGER_WAIT_MS } from './update-trigger.ts';

const ACK_TIMEOUT_MS = 2000;
const ACK_RANDOM_FACTOR = 1.5;
/** Long enough for the original and two retransmissions (at T0 and 3*T0, T0 <= 3 s), short of the third (7*T0 >= 14 s). */
const DROP_MS = 10_000;
/** After the link heals: the third retransmission comes at 7*T0 <= 21 s. */
const SETTLE_MS = 25_000;
const RETRANSMIT_SLACK_MS = 250;

export const retransmission = defineScenario({
  id: 'hlf-036-retransmission',
  title: 'The device retransmits a confirmable request with exponential backoff when the ACK is lost',
  suite: 'registration',
  verifies: [hlf(36)],
  ets: [],
  precondition: 'registered',
  async run(ctx) {
    await registerAnswered(ctx);
    const link = ctx.world.link;
    if (link === null) return ctx.inconclusive('the harness has no control over the device link (no shaping proxy configured)');
    ctx.defer(() => link.setProfile({}));
    const since = ctx.clock.now();
    const mark = traceMark(ctx);
    const isRegistrationRequest = (e: TraceEntry): boolean =>
      e.id > mark && e.direction === 'in' && sameEndpoint(e.local, ctx.server.local) && e.message !== undefined &&
      e.message.type === 'CON' && isRequest(e.message) && e.message.code === '0.02' && pathText(e.message).startsWith('/rd');
    // Cut the link towards the device as soon as its request arrives, before the server's ACK goes out.
    const first = waitForTrace(ctx, since, TRIGGER_WAIT_MS + ctx.tolerances.lifetimeMs, isRegistrationRequest, () => link.setProfile({ inbound: { loss: 1 } }));
    const path = serverResourcePath(ctx, ServerRes.REGISTRATION_UPDATE_TRIGGER);
    const exec = await ctx.server.execute(ctx.endpoint, path);
    if (exec.code !== '2.04') return ctx.inconclusive(`Exec ${path} answered ${exec.code}: no request from the device to lose the ACK of`);
    const original = await first;
    if (original?.message === undefined) return ctx.inconclusive('the device sent no Update after the Registration Update Trigger');
    ctx.note(`dropping every datagram towards the device for ${DROP_MS / 1000} s from the first copy of ${pathText(original.message)}`);
    await ctx.sleep(DROP_MS);
    link.setProfile({});
    await ctx.sleep(SETTLE_MS);

    const copies = intoServer(ctx, original.time).filter(
      (e) => e.id >= original.id && e.message.type === 'CON' && e.message.messageId === original.message?.messageId && sameEndpoint(e.remote, original.remote),
    );
    const times = copies.map((e) => e.time - original.time);
    ctx.exchange('the request and its retransmissions while the ACKs were lost', copies.map((e) => e.id));
    ctx.check('the device retransmits the request when no ACK arrives', copies.length >= 2, 'at least one retransmission', `${copies.length} transmission(s) at +${times.map((t) => (t / 1000).toFixed(3)).join(', +')} s`);
    const intervals = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    const firstInterval = intervals[0];
    if (firstInterval !== undefined) {
      const low = ACK_TIMEOUT_MS - RETRANSMIT_SLACK_MS;
      const high = ACK_TIMEOUT_MS * ACK_RANDOM_FACTOR + RETRANSMIT_SLACK_MS;
      ctx.check('the first retransmission comes ACK_TIMEOUT to ACK_TIMEOUT*ACK_RANDOM_FACTOR after the original', firstInterval >= low && firstInterval <= high, `${low}..${high} ms`, firstInterval);
    }
    for (let i = 1; i < intervals.length; i++) {
      const previous = intervals[i - 1] ?? 0;
      const interval = intervals[i] ?? 0;
      // Beyond the drop window the ACK may have stopped the series; only intervals that both ended inside it double.
      ctx.check(`retransmission interval ${i + 1} doubles the previous one`, Math.abs(interval - 2 * previous) <= 2 * RETRANSMIT_SLACK_MS, `${2 * previous} ms`, interval);
    }
    ctx.check('the device sends at most MAX_RETRANSMIT (4) retransmissions', copies.length <= 5, '<= 5 transmissions', copies.length);
  },
});
