/**
 * LightweightM2M-1.0-int-0 Client Initiated Bootstrap (HLF-023, bootstrap part).
 *
 * Pass: after power-on the device sends a Bootstrap-Request (POST /bs?ep=...) to the bootstrap server, which
 * answers 2.04; the bootstrap server's Delete/Write/Discover/Finish steps are each answered with success by
 * the device; the device then registers with the LwM2M server it was given. Devices whose profile declares
 * no bootstrap support are not-supported.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { TimeoutError } from '../../harness/errors.ts';
import { bootstrapOutcome } from '../common/bootstrap-outcome.ts';
import { etsCase, hlf } from '../common/ids.ts';

const REGISTER_AFTER_BOOTSTRAP_MS = 60_000;

export const clientInitiatedBootstrap = defineScenario({
  id: etsCase(0),
  title: 'Client-initiated bootstrap, then registration with the provisioned server',
  suite: 'registration',
  verifies: [hlf(23)],
  ets: [etsCase(0)],
  precondition: 'powered-off',
  requires: { features: ['bootstrap'] },
  async run(ctx) {
    const since = ctx.clock.now();
    await ctx.device.start(ctx.world.env);
    const bs = ctx.bootstrapServer;
    let requested;
    try {
      requested = await bs.waitFor('bootstrapRequested', (e) => e.endpoint === ctx.endpoint, ctx.tolerances.bootMs, { since });
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
      const registered = ctx.server.recorded('registered', since).some((e) => e.registration.endpoint === ctx.endpoint);
      return ctx.inconclusive(registered ? 'the device registered without bootstrapping (it already holds a server account)' : 'the device sent no Bootstrap-Request after power-on');
    }
    ctx.exchange('Bootstrap-Request', requested.traceIds);
    const outcome = await bootstrapOutcome(ctx, since);
    for (const step of outcome.steps) {
      const ok = step.code !== undefined && (step.code.startsWith('2.') || (step.operation.startsWith('Bootstrap-Discover') && step.error === undefined));
      ctx.check(`${step.operation} is answered with success`, ok, '2.xx', step.code ?? step.error ?? 'no answer');
    }
    ctx.expectEqual('the bootstrap session finishes', 'finished', outcome.outcome);
    try {
      await ctx.server.waitFor('registered', (e) => e.registration.endpoint === ctx.endpoint, REGISTER_AFTER_BOOTSTRAP_MS + ctx.tolerances.bootMs, { since });
      ctx.check('the device registers with the provisioned LwM2M server', true, 'Register', 'Register');
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
      ctx.check('the device registers with the provisioned LwM2M server', false, 'Register', 'no Register');
    }
    ctx.exchangeSince('bootstrap and registration', since);
  },
});
