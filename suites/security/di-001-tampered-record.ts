/**
 * di-001-tampered-record: integrity on the device's side (DI-001).
 *
 * Pass: the harness flips one bit in the protected record that carries a Write of /3/0/14 to the device
 * (the bit that, decrypted, turns the CoAP code PUT into GET). The device must drop the record silently: the
 * first transmission gets no answer, so the server has to retransmit, and the intact retransmission is answered
 * 2.04; /3/0/14 then reads the written value. A device that uses the tampered record answers it (a 2.05 to the
 * "GET") before any retransmission: fail.
 */
import { ContentType } from '../../harness/dtls/constants.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { DI_001 } from './helpers/ids.ts';
import { secureSetup } from './helpers/secure-world.ts';
import { readUtcOffset, writeUtcOffset } from './helpers/utc-offset.ts';

const VALUE = '+03:00';
/** Plaintext byte 1 of a CoAP message is its code; bit 1 turns 0.03 PUT into 0.01 GET. */
const CODE_BYTE = 1;
const CODE_BIT = 1;

/** Where plaintext byte k sits in the fragment: after CCM_8's 8-byte explicit nonce; CBC: its IV byte k (k < 16) flips it. */
function bitForPlaintext(cipherSuite: string, byte: number, bit: number): number {
  const offset = cipherSuite.includes('CCM') ? 8 : 0;
  return (offset + byte) * 8 + bit;
}

export const tamperedRecord = defineScenario({
  id: 'di-001-tampered-record',
  title: 'A tampered protected record from the server gets no answer and no effect',
  suite: 'security',
  verifies: [DI_001],
  ets: [],
  precondition: 'registered',
  security: 'psk',
  requires: { features: ['dtls-psk'] },
  async run(ctx) {
    const { secure } = secureSetup(ctx);
    const peer = ctx.registration().address;
    const session = secure.dtls.sessionFor(peer);
    if (!session) return ctx.inconclusive('no DTLS session with the device');
    let flipped = false;
    const stop = secure.dtls.faults.onFault((e) => {
      if (e.kind === 'bit-flipped') flipped = true;
    });
    ctx.defer(stop);
    secure.dtls.faults.flipBit({ direction: 'outbound', peer, contentType: ContentType.applicationData, bit: bitForPlaintext(session.cipherSuite, CODE_BYTE, CODE_BIT) });

    const since = ctx.clock.now();
    const result = await writeUtcOffset(ctx, VALUE);
    if (!flipped) ctx.inconclusive('the harness could not tamper with the Write record');
    const request = ctx.trace.entries().find((e) => result.traceIds.includes(e.id) && e.direction === 'out' && e.message?.code === '0.03');
    const sent = request?.message ? ctx.trace.entries({ from: since, direction: 'out' }).filter((e) => e.message?.messageId === request.message?.messageId && e.message?.code === '0.03').length : 0;
    ctx.exchange('the Write whose first record was tampered with, and its answer', result.traceIds);
    ctx.expectEqual('the answer is to the intact Write (2.04), not to the tampered record', '2.04', result.code);
    ctx.check('the tampered transmission got no answer: the server had to retransmit', sent >= 2, 'the Write sent at least twice', sent);
    ctx.expectEqual('the Write took effect once intact (/3/0/14)', VALUE, await readUtcOffset(ctx));
  },
});
