/**
 * HLF-015 SMS-based communication, in two steps:
 * (a) with a binding that includes S (the device's own, or US written to /1/x/7) its Register or Update carries
 *     the `sms` parameter with a non-empty MSISDN, so that a server can reach it by SMS;
 * (b) on a world with an SMS bearer, the server reads /3/0 from the device over SMS, sent to that MSISDN: the
 *     answer must be 2.05 and decode to the same Device resources a Read over UDP gives. /3/0 is usually longer
 *     than one SMS (140 octets), so the answer exercises concatenated SMS; the segments are in the evidence.
 *
 * Verdicts: a profile that declares the sms feature absent, or lists no binding with S, is not-supported. A failed (a), a Read over SMS that is not
 * answered, or an answer that is not 2.05 or does not decode, is fail. Without an SMS bearer in the lab (real
 * devices today: no modem driver) or when the device did not attach its announced number to the simulated
 * bearer, (b) cannot be reached: the verdict is inconclusive even when (a) holds, because HLF-015 is about
 * communicating over SMS and announcing a number alone does not show that; the note says that (a) held.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { TimeoutError } from '../../harness/errors.ts';
import type { ResourceEntry } from '../../harness/lwm2m/values.ts';
import { describeSmsEvent } from '../../harness/net/sms/sms-events.ts';
import { hlf } from '../common/ids.ts';
import { registerAnswered } from '../common/register-exchange.ts';
import { ensureSmsBinding } from './helpers/sms-binding.ts';

/** How long the Read over SMS may take (SMS latency is seconds; CoAP retransmits within MAX_TRANSMIT_WAIT). */
const SMS_READ_TIMEOUT_MS = 93_000;

export const smsBinding = defineScenario({
  id: 'hlf-015-sms-binding-number',
  title: 'With an SMS binding the device announces its MSISDN (sms parameter) and answers a Read over SMS',
  suite: 'registration',
  verifies: [hlf(15)],
  ets: [],
  precondition: 'registered',
  requires: { features: ['sms'] },
  bearer: 'sms',
  async run(ctx) {
    await registerAnswered(ctx);
    const since = ctx.clock.now();
    const { binding, sms, evidence } = await ensureSmsBinding(ctx);
    const announcedNumber = ctx.check(
      `with binding ${binding} the device announces its MSISDN (sms=)`,
      typeof sms === 'string' && sms.length > 0,
      'sms=<MSISDN>',
      sms === undefined ? `${evidence}, no sms parameter` : evidence,
    );
    ctx.exchangeSince('the registration message with the SMS binding', since);
    if (!announcedNumber || sms === undefined) return;
    await readOverSms(ctx, sms);
  },
});

/** Step (b): Read /3/0 by SMS to the announced number, compared with the same Read over UDP. */
async function readOverSms(ctx: ScenarioContext, msisdn: string): Promise<void> {
  const bearer = ctx.world.sms;
  if (bearer === undefined) {
    return ctx.inconclusive(`the device announces sms=${msisdn}, but operations over SMS were not exercised: this lab has no SMS bearer`);
  }
  if (bearer.server !== ctx.server) {
    return ctx.inconclusive(`the device announces sms=${msisdn}, but the SMS bearer reaches the plain reference server only and this scenario runs on another (DTLS); SMS security is not modelled`);
  }
  if (!bearer.center.isAttached(msisdn)) {
    return ctx.inconclusive(`the device announces sms=${msisdn}, but no device is attached at that number on the simulated SMS bearer: operations over SMS were not exercised`);
  }
  const overUdp = await ctx.server.read(ctx.endpoint, '/3/0');
  if (overUdp.code !== '2.05') return ctx.inconclusive(`Read /3/0 over UDP answered ${overUdp.code}: no reference to compare the SMS answer with`);
  const since = ctx.clock.now();
  let overSms;
  try {
    overSms = await ctx.server.read(ctx.endpoint, '/3/0', { bearer: 'sms', timeoutMs: SMS_READ_TIMEOUT_MS });
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    noteSegments(ctx, since);
    ctx.exchangeSince('the Read /3/0 sent by SMS', since);
    return ctx.fail(`Read /3/0 sent by SMS to ${msisdn} is answered`, '2.05 by SMS', `no answer within ${SMS_READ_TIMEOUT_MS} ms`);
  }
  noteSegments(ctx, since);
  ctx.exchange(`Read /3/0 by SMS to ${msisdn} (server ${bearer.serverNumber})`, overSms.traceIds);
  ctx.expectEqual(`Read /3/0 by SMS to ${msisdn} answers 2.05`, '2.05', overSms.code);
  if (overSms.code !== '2.05') return;
  ctx.check('the answer by SMS decodes', overSms.decodeError === undefined, 'a decodable payload', overSms.decodeError ?? `${overSms.raw.payload.length} octets, decoded`);
  ctx.expectEqual('the answer by SMS holds the Device resources the Read over UDP gives', resourceIds(overUdp.entries), resourceIds(overSms.entries));
}

/** What the bearer did with each SMS since `since`: the segments (octets, UDH) and the reassembled messages. */
function noteSegments(ctx: ScenarioContext, since: number): void {
  const events = ctx.world.sms?.center.history({ from: since }) ?? [];
  const lines = events.filter((e) => e.kind === 'message' || e.fate !== 'sent').map(describeSmsEvent);
  ctx.note(lines.length > 0 ? `SMS bearer: ${lines.join('; ')}` : 'SMS bearer: nothing was delivered');
}

function resourceIds(entries: readonly ResourceEntry[] | undefined): number[] {
  return [...new Set((entries ?? []).map((e) => e.path.resourceId ?? -1))].sort((a, b) => a - b);
}
