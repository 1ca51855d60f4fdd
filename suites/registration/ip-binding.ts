/**
 * HLF-014 IP-based communication (follows ETS int-101).
 *
 * Pass: the device registers over UDP (the reference server only listens on UDP) with a binding that includes
 * U, so the server may use IP for its requests; /3/0/16 Supported Binding and Modes includes U; a
 * server-initiated Read over the same UDP path is answered 2.05.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { etsCase, hlf } from '../common/ids.ts';
import { answerText, jsonValue, readValue } from '../common/read-value.ts';
import { firstRegister } from './helpers/first-register.ts';

export const ipBinding = defineScenario({
  id: 'hlf-014-udp-binding',
  title: 'Registration and operations over UDP, with a binding that includes U',
  suite: 'registration',
  verifies: [hlf(14)],
  ets: [etsCase(101)],
  precondition: 'registered',
  async run(ctx) {
    const { params, traceIds } = await firstRegister(ctx);
    ctx.exchange('the Register, received over UDP', traceIds);
    ctx.check('the Register binding includes U (UDP)', params.binding.includes('U'), 'U, UQ, US or UQS', params.binding);

    const since = ctx.clock.now();
    const supported = await readValue(ctx, '/3/0/16');
    ctx.check('Read /3/0/16 over UDP answers 2.05', supported.result.code === '2.05', '2.05', answerText(supported.result));
    if (typeof supported.value === 'string') {
      ctx.check('/3/0/16 Supported Binding and Modes includes U', supported.value.includes('U'), 'contains U', supported.value);
    } else if (supported.result.code === '2.05') {
      ctx.check('/3/0/16 holds a binding string', false, 'a string', jsonValue(supported.value));
    }
    ctx.exchangeSince('Read /3/0/16 over UDP', since);
  },
});
