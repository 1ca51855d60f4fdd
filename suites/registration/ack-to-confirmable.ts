/**
 * HLF-036 message delivery acknowledgement, server to device.
 *
 * Pass: a confirmable request from the server (Read /3/0/16) is acknowledged by the device with an ACK that
 * carries the request's message id: piggybacked with the response, or empty with the response following
 * separately (both RFC 7252). A response sent as a separate NON/CON without any ACK fails.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { TimeoutError } from '../../harness/errors.ts';
import { hlf } from '../common/ids.ts';
import { registerAnswered } from '../common/register-exchange.ts';
import { describeEntries, fromServer, intoServer, traceMark } from '../common/wire.ts';

export const ackToConfirmable = defineScenario({
  id: 'hlf-036-ack-to-confirmable',
  title: 'The device acknowledges confirmable requests',
  suite: 'registration',
  verifies: [hlf(36)],
  ets: [],
  precondition: 'registered',
  async run(ctx) {
    await registerAnswered(ctx);
    const since = ctx.clock.now();
    const mark = traceMark(ctx);
    let code: string;
    try {
      code = (await ctx.server.read(ctx.endpoint, '/3/0/16')).code;
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
      code = 'no answer';
    }
    const request = fromServer(ctx, since).find((e) => e.id > mark && e.message.type === 'CON' && e.message.code === '0.01');
    if (request === undefined) return ctx.inconclusive('the server sent no confirmable Read');
    const replies = intoServer(ctx, since).filter((e) => e.id > mark && (e.message.token.equals(request.message.token) || e.message.messageId === request.message.messageId));
    const ack = replies.find((e) => e.message.type === 'ACK' && e.message.messageId === request.message.messageId);
    ctx.check(
      `the device acknowledges the confirmable Read (ACK with mid=${request.message.messageId})`,
      ack !== undefined,
      'ACK (piggybacked or empty)',
      ack !== undefined ? `${ack.message.type} ${ack.message.code}` : replies.length === 0 ? 'nothing' : describeEntries(ctx, replies),
    );
    ctx.note(`the Read was answered ${code}`);
    ctx.exchangeSince('confirmable Read /3/0/16 and its acknowledgement', since);
  },
});
