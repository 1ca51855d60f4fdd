/**
 * sec-002-replayed-record: replay protection on the device's side (SEC-002).
 *
 * Pass: inside the DTLS session the server writes /3/0/14 twice (A, then B); the harness then sends the
 * protected record that carried the first Write again, byte for byte. The device must drop it: no datagram
 * answers it (no response with that Write's message id), and /3/0/14 still reads B. Any answer means the replay
 * got through the device's record layer (a CoAP layer that answers it from its duplicate cache still proves
 * that); A read back means it was even executed again.
 */
import { ContentType } from '../../harness/dtls/constants.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { SEC_002 } from './helpers/ids.ts';
import { secureSetup } from './helpers/secure-world.ts';
import { readUtcOffset, setUtcOffset } from './helpers/utc-offset.ts';

const VALUE_A = '+01:00';
const VALUE_B = '+02:00';
/** Long enough for any answer (the device's own retransmission timers are seconds). */
const LISTEN_MS = 10_000;

export const replayedRecord = defineScenario({
  id: 'sec-002-replayed-record',
  title: 'A replayed protected record from the server is neither answered nor executed',
  suite: 'security',
  verifies: [SEC_002],
  ets: [],
  precondition: 'registered',
  security: 'psk',
  requires: { features: ['dtls-psk'] },
  async run(ctx) {
    const { secure } = secureSetup(ctx);
    const peer = ctx.registration().address;
    const first = await setUtcOffset(ctx, VALUE_A);
    const record = secure.dtls.faults.lastRecord(peer, { direction: 'outbound', type: ContentType.applicationData });
    if (!record) return ctx.inconclusive('no protected record of the first Write was recorded');
    const request = ctx.trace.entries().find((e) => first.traceIds.includes(e.id) && e.direction === 'out' && e.message?.code === '0.03');
    if (!request?.message) return ctx.inconclusive('the first Write request is not in the trace');
    const messageId = request.message.messageId;
    await setUtcOffset(ctx, VALUE_B);

    const since = ctx.clock.now();
    // Trace ids, not times: on the simulated network the earlier exchanges share this clock millisecond.
    const lastIdBefore = ctx.trace.entries().at(-1)?.id ?? 0;
    await secure.dtls.faults.replayToClient(record);
    ctx.note(`replayed record epoch ${record.epoch} sequence ${record.sequence} (${record.bytes.length} B), the Write of ${VALUE_A} with message id ${messageId}`);
    await ctx.sleep(LISTEN_MS);
    const answers = ctx.trace.entries({ from: since, direction: 'in' }).filter((e) => e.id > lastIdBefore && e.message?.messageId === messageId);
    ctx.exchangeSince('the replayed record and anything the device sent after it', since);
    ctx.check('the device does not answer the replayed record', answers.length === 0, 'no message with the replayed message id', answers.map((e) => `${e.message?.type ?? '?'} ${e.message?.code ?? '?'}`));
    ctx.expectEqual('the replayed Write has no effect (/3/0/14 keeps the later value)', VALUE_B, await readUtcOffset(ctx));
  },
});
