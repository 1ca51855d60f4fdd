/**
 * at-001-wrong-server-key: mutual authentication, the device's side (AT-001; follows int-401).
 *
 * Pass: while the server proves a wrong key for the device's PSK identity (its Finished is made with another
 * key), the device aborts the handshake (the server sees an alert instead of application data) and does not
 * register; once the server holds the right key again, the device (power-cycled) registers over DTLS, which
 * shows the abort was about the key. Fail: the device sends application data after the bad Finished, i.e. it
 * accepted a server that could not prove the shared key. The server's own half (an unknown identity is
 * refused) is the harness's behaviour, tested in harness/dtls, not a device verdict.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { etsCase } from '../common/ids.ts';
import { recordDtlsEvents, waitForDtlsEvent } from './helpers/dtls-events.ts';
import { AT_001 } from './helpers/ids.ts';
import { secureSetup } from './helpers/secure-world.ts';

/** The server's verdict on how the client took the wrong key (harness/dtls server-handshake). */
const REJECTED = 'peer-rejected-wrong-key';
const ACCEPTED = 'peer-accepted-wrong-key';

export const wrongServerKey = defineScenario({
  id: 'at-001-wrong-server-key',
  title: 'The device aborts a DTLS handshake in which the server proves a wrong key',
  suite: 'security',
  verifies: [AT_001],
  ets: [etsCase(401)],
  precondition: 'powered-off',
  security: 'psk',
  requires: { features: ['dtls-psk'] },
  async run(ctx) {
    const { secure, psk } = secureSetup(ctx);
    const events = recordDtlsEvents(ctx, secure.dtls);
    secure.dtls.faults.wrongKeyFor(psk.identity);
    ctx.defer(() => secure.dtls.faults.clearWrongKey(psk.identity));
    const since = ctx.clock.now();
    await ctx.device.start(ctx.world.env);
    const outcome = await waitForDtlsEvent(
      ctx, events,
      (e) => e.name === 'handshakeComplete' || (e.name === 'handshakeFailed' && 'reason' in e.event && (e.event.reason === REJECTED || e.event.reason === ACCEPTED)),
      ctx.tolerances.bootMs,
      'a DTLS handshake from the device while the server proves a wrong key',
    );
    const reason = outcome.name === 'handshakeFailed' && 'reason' in outcome.event ? outcome.event.reason : outcome.name;
    ctx.exchangeSince('the handshake with the wrong server key', since);
    ctx.note(`DTLS events: ${events.map((e) => ('reason' in e.event ? `${e.name}(${e.event.reason})` : e.name)).join(', ')}`);
    const aborted = ctx.check('the device aborts instead of sending application data', reason === REJECTED, `handshake failed: ${REJECTED}`, reason);
    ctx.check('the device is not registered while the server cannot prove the key', ctx.server.get(ctx.endpoint) === undefined, 'no registration', ctx.server.get(ctx.endpoint)?.id ?? 'none');
    if (!aborted) return;

    // Control: with the right key the same device registers, so the abort was about the key.
    secure.dtls.faults.clearWrongKey(psk.identity);
    const again = ctx.clock.now();
    await ctx.device.powerCycle();
    const { registration } = await ctx.server.waitFor('registered', (e) => e.registration.endpoint === ctx.endpoint, ctx.tolerances.bootMs, { since: again });
    ctx.check('with the right server key the device registers over DTLS', secure.dtls.sessionFor(registration.address)?.identity === psk.identity, psk.identity, secure.dtls.sessionFor(registration.address)?.identity ?? 'no session');
  },
});
