/**
 * sec-001-bootstrap-over-dtls: the bootstrap exchange is protected too (SEC-001 asks for secure communication
 * for all LwM2M traffic, and bootstrap is where a device receives its server keys).
 *
 * Setup: the device starts from its factory bootstrap account, a coaps:// bootstrap server with its PSK
 * (Security mode 0). The harness's secure bootstrap server provisions one account: the secure LwM2M server,
 * coaps:// with the device's PSK.
 * Pass: the device completes a DTLS PSK handshake with the bootstrap server under its own identity and sends
 * its Bootstrap-Request inside that session; the bootstrap data (Bootstrap-Write of the account, its key
 * included) travels as protected application data; the session finishes; then the device registers with the
 * provisioned coaps server inside a DTLS session. A device that sends its Bootstrap-Request in clear to the
 * coaps bootstrap port fails. Whether other bytes also leak in clear beside the session is CF-001's check.
 * Devices without bootstrap or PSK support are not-supported; a lab without a secure bootstrap server is
 * inconclusive.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { TimeoutError } from '../../harness/errors.ts';
import { bootstrapOutcome } from '../common/bootstrap-outcome.ts';
import { SEC_001 } from './helpers/ids.ts';
import { secureSetup } from './helpers/secure-world.ts';
import { dtlsRecords } from './helpers/wire.ts';

const REGISTER_AFTER_BOOTSTRAP_MS = 60_000;
const APPLICATION_DATA = 23;

export const bootstrapOverDtls = defineScenario({
  id: 'sec-001-bootstrap-over-dtls',
  title: 'With a coaps bootstrap account the device bootstraps inside DTLS, then registers over DTLS',
  suite: 'security',
  verifies: [SEC_001],
  ets: [],
  precondition: 'powered-off',
  security: 'psk',
  requires: { features: ['dtls-psk', 'bootstrap'] },
  async run(ctx) {
    const { secure, psk } = secureSetup(ctx);
    const secureBootstrap = ctx.world.secureBootstrap;
    if (!secureBootstrap) return ctx.inconclusive('this lab offers no secure (coaps) bootstrap server');
    if (ctx.bootstrapServer !== secureBootstrap.bootstrap) return ctx.inconclusive('the scenario is not running against the secure bootstrap server');
    if (ctx.world.env.provisioning !== 'bootstrap') return ctx.inconclusive('the device is not asked to start from its bootstrap account');
    const since = ctx.clock.now();
    await ctx.device.start(ctx.world.env);
    let requested;
    try {
      requested = await ctx.bootstrapServer.waitFor('bootstrapRequested', (e) => e.endpoint === ctx.endpoint, ctx.tolerances.bootMs, { since });
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
      const plain = secureBootstrap.wire.datagrams({ from: since, direction: 'in' }).filter((d) => dtlsRecords(d.bytes) === undefined);
      if (plain.length > 0) {
        ctx.fail('the device talks to the coaps bootstrap server through DTLS', 'only DTLS records at the secure bootstrap port', `${plain.length} datagram(s) that are not DTLS records (plain CoAP), no Bootstrap-Request inside a session`);
      }
      return ctx.inconclusive('the device sent no Bootstrap-Request to the secure bootstrap server after power-on');
    }
    ctx.exchange('Bootstrap-Request (inside the DTLS session)', requested.traceIds);
    const session = secureBootstrap.dtls.sessionFor(requested.from);
    ctx.check('the Bootstrap-Request came through an established DTLS session', session !== undefined, 'a session with the device address', session ? session.cipherSuite : 'no session');
    ctx.expectEqual('the bootstrap session is authenticated with the device\'s PSK identity', psk.identity, session?.identity ?? null);

    const outcome = await bootstrapOutcome(ctx, since);
    ctx.expectEqual('the bootstrap session over DTLS finishes', 'finished', outcome.outcome);

    const wire = secureBootstrap.wire.datagrams({ from: since });
    const protectedData = wire.filter((d) => d.direction === 'out' && dtlsRecords(d.bytes)?.some((r) => r.type === APPLICATION_DATA && r.epoch > 0) === true);
    ctx.check('the bootstrap writes left as protected application data', protectedData.length > 0, 'epoch>0 application-data records toward the device', `${protectedData.length} datagram(s)`);

    let registered;
    try {
      registered = await ctx.server.waitFor('registered', (e) => e.registration.endpoint === ctx.endpoint, REGISTER_AFTER_BOOTSTRAP_MS + ctx.tolerances.bootMs, { since });
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
      ctx.check('the device registers with the provisioned coaps server', false, 'Register inside a DTLS session', 'no Register');
      return;
    }
    const serverSession = secure.dtls.sessionFor(registered.registration.address);
    ctx.check('the device registers with the provisioned coaps server inside a DTLS session', serverSession !== undefined, 'a session with the device address', serverSession ? serverSession.cipherSuite : 'no session');
    ctx.exchangeSince('bootstrap over DTLS, then the Register at the secure server (plaintext as the servers read it)', since);
  },
});
