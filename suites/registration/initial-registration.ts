/**
 * LightweightM2M-1.0-int-101 Initial Registration (HLF-023, registration part).
 *
 * Pass: after power-on the device sends a Register to the server (answered 2.01) that carries an endpoint
 * client name, a positive lifetime, the LwM2M version 1.0, a binding mode the TS defines (U, UQ, S, SQ, US,
 * UQS) and an object list that names the mandatory Server (/1) and Device (/3) objects. How the object list
 * is addressed (HLF-002), the identity (HLF-001) and the transport (HLF-014) are judged by their own scenarios.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { announcedObjects } from '../../harness/lwm2m/server/registration/registration.ts';
import { etsCase, hlf } from '../common/ids.ts';
import { firstRegister } from './helpers/first-register.ts';

export const LWM2M_1_0_BINDINGS = ['U', 'UQ', 'S', 'SQ', 'US', 'UQS'];

export const initialRegistration = defineScenario({
  id: etsCase(101),
  title: 'Initial registration carries the endpoint, lifetime, version, binding and object list',
  suite: 'registration',
  verifies: [hlf(23)],
  ets: [etsCase(101)],
  precondition: 'registered',
  async run(ctx) {
    const { params, traceIds } = await firstRegister(ctx);
    ctx.exchange('the Register and its answer', traceIds);
    ctx.check('Register carries an endpoint client name (ep)', params.endpoint.length > 0, 'a non-empty ep', params.endpoint);
    ctx.check('Register carries a positive lifetime (lt, 86400 when left out)', Number.isInteger(params.lifetime) && params.lifetime > 0, 'lt > 0', params.lifetime);
    ctx.expectEqual('Register names LwM2M version 1.0', '1.0', params.version);
    ctx.check('Register carries a binding mode of LwM2M 1.0', LWM2M_1_0_BINDINGS.includes(params.binding), LWM2M_1_0_BINDINGS, params.binding);
    const objects = announcedObjects({ objectLinks: params.objectLinks });
    ctx.check('the object list names the Server object /1 and the Device object /3', objects.includes(1) && objects.includes(3), [1, 3], objects);
    const answer = ctx.trace
      .entries()
      .filter((e) => traceIds.includes(e.id) && e.direction === 'out' && e.message?.code.startsWith('2.'));
    ctx.check('the server answered the Register 2.01 Created', answer.some((e) => e.message?.code === '2.01'), '2.01', answer.map((e) => e.message?.code ?? '?'));
    if (params.warnings.length > 0) ctx.note(`the server tolerated: ${params.warnings.join('; ')}`);
  },
});
