/**
 * HLF-017 sessionless communication (as the fault catalogue defines it: the device serves a request that
 * needs no exchange state, a non-confirmable one).
 *
 * Pass: a non-confirmable GET of /3/0/16 is answered 2.05 by a response that is not an ACK (RFC 7252: only
 * confirmable messages are acknowledged). A NON may be lost on a real link, so up to ATTEMPTS are sent; none
 * answered is a failure.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { TimeoutError } from '../../harness/errors.ts';
import type { CoapResponse } from '../../harness/coap/api.ts';
import { hlf } from '../common/ids.ts';
import { sendRawRequest } from '../common/raw-request.ts';
import { registerAnswered } from '../common/register-exchange.ts';

const ATTEMPTS = 3;
const ANSWER_WAIT_MS = 10_000;

export const nonConfirmable = defineScenario({
  id: 'hlf-017-non-confirmable-request',
  title: 'A non-confirmable request is answered',
  suite: 'registration',
  verifies: [hlf(17)],
  ets: [],
  precondition: 'registered',
  async run(ctx) {
    await registerAnswered(ctx);
    const since = ctx.clock.now();
    let answer: CoapResponse | undefined;
    for (let attempt = 1; attempt <= ATTEMPTS && answer === undefined; attempt++) {
      try {
        answer = await sendRawRequest(
          ctx,
          { method: 'GET', path: ['3', '0', '16'], accept: 0, confirmable: false },
          { timeoutMs: ANSWER_WAIT_MS, operation: 'Read /3/0/16 (NON)' },
        );
      } catch (error) {
        if (!(error instanceof TimeoutError)) throw error;
      }
    }
    ctx.exchangeSince('non-confirmable Read /3/0/16', since);
    ctx.check('a non-confirmable GET /3/0/16 is answered 2.05', answer?.code === '2.05', '2.05', answer === undefined ? `no answer to ${ATTEMPTS} NON requests` : answer.code);
    if (answer !== undefined) {
      ctx.check('the answer to a NON request is not an ACK', answer.message.type !== 'ACK', 'NON (or CON)', answer.message.type);
    }
  },
});
