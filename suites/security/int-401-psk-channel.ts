/**
 * LightweightM2M-1.0-int-401 UDP Channel Security – Pre-shared Key Mode (SEC-001).
 *
 * Pass: given only a coaps:// server account and its PSK, the device sets up a DTLS session with the server
 * (the server sees a completed PSK handshake for the device's identity), sends its Register inside that
 * session (answered 2.01 there), and answers a Read of /3/0 inside the same session. A device that sends its
 * Register as plain CoAP to the secure port (or never completes a handshake while talking in clear) fails.
 * Whether other bytes also leak in clear is CF-001's check; handshake details under attack are AT-001's.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { TimeoutError } from '../../harness/errors.ts';
import { etsCase } from '../common/ids.ts';
import { recordDtlsEvents } from './helpers/dtls-events.ts';
import { SEC_001 } from './helpers/ids.ts';
import { secureSetup } from './helpers/secure-world.ts';
import { dtlsRecords } from './helpers/wire.ts';

const RECOMMENDED_SUITE = 'TLS_PSK_WITH_AES_128_CCM_8';

export const pskChannel = defineScenario({
  id: etsCase(401),
  title: 'With a PSK account the device registers and is managed inside a DTLS session',
  suite: 'security',
  verifies: [SEC_001],
  ets: [etsCase(401)],
  precondition: 'powered-off',
  security: 'psk',
  requires: { features: ['dtls-psk'] },
  async run(ctx) {
    const { secure, psk } = secureSetup(ctx);
    const events = recordDtlsEvents(ctx, secure.dtls);
    const since = ctx.clock.now();
    await ctx.device.start(ctx.world.env);
    let registered;
    try {
      registered = await ctx.server.waitFor('registered', (e) => e.registration.endpoint === ctx.endpoint, ctx.tolerances.bootMs, { since });
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
      const fromDevice = secure.wire.datagrams({ from: since, direction: 'in' });
      const plain = fromDevice.filter((d) => dtlsRecords(d.bytes) === undefined);
      ctx.exchangeSince('what reached the secure port after power-on', since);
      if (plain.length > 0) {
        ctx.fail('the device talks to the coaps server through DTLS', 'only DTLS records at the secure port', `${plain.length} datagram(s) that are not DTLS records (plain CoAP), no DTLS session`);
      }
      throw error; // silence: the device never tried; nothing to judge
    }
    const { registration } = registered;
    const session = secure.dtls.sessionFor(registration.address);
    ctx.exchangeSince('the DTLS handshake (server events) and the Register inside the session', since);
    ctx.note(`DTLS events: ${events.filter((e) => e.name !== 'recordDropped').map((e) => e.name).join(', ')}`);
    ctx.check('the Register came through an established DTLS session', session !== undefined, 'a session with the device address', session ? `${session.cipherSuite}` : 'no session');
    ctx.expectEqual('the session is authenticated with the device\'s PSK identity', psk.identity, session?.identity ?? null);
    if (session && session.cipherSuite !== RECOMMENDED_SUITE) {
      ctx.warn('dtls-cipher-suite', `negotiated ${session.cipherSuite}; LwM2M 1.0 names ${RECOMMENDED_SUITE} as the suite to support`);
    }
    const mark = secure.wire.mark();
    const read = await ctx.server.read(ctx.endpoint, '/3/0');
    ctx.exchange('Read /3/0 inside the session', read.traceIds);
    ctx.expectEqual('the device answers a Read of /3/0 inside the session', '2.05', read.code);
    const answered = secure.wire.datagrams({ fromSeq: mark, direction: 'in' });
    ctx.check(
      'the answer crossed the network as DTLS application data',
      // Every datagram is DTLS, and the data travels as protected application data. A retransmitted final
      // handshake flight may also show up on a lossy link: that is DTLS doing its job, not plaintext.
      answered.every((d) => dtlsRecords(d.bytes)?.every((r) => r.type !== 23 || r.epoch > 0) === true) &&
        answered.some((d) => dtlsRecords(d.bytes)?.some((r) => r.type === 23 && r.epoch > 0) === true),
      'DTLS records only, the data in protected application-data records',
      answered.map((d) => dtlsRecords(d.bytes)?.map((r) => `type ${r.type} epoch ${r.epoch}`).join('+') ?? 'plain'),
    );
  },
});
