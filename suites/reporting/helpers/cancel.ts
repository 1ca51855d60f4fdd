/**
 * Observe, see it report, cancel it, then give the device every reason to report again (value changes and
 * several pmax periods) and read the trace for anything it still sends with the observation's token.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import type { CancelMode } from '../../../harness/lwm2m/server/information-reporting.ts';
import { parsePath } from '../../../harness/lwm2m/path.ts';
import { configureAttributes } from './attributes.ts';
import { guardRegistration } from './guard.ts';
import { startObservation } from './observe.ts';
import { setValue } from './stimulus.ts';
import { lateSlackMs, sleepUntil } from './timing.ts';
import { requireNumber, reading } from './values.ts';
import { resetsSent, responsesWithToken, traceMark } from './wire.ts';
import { SENSOR_VALUE } from '../ids.ts';

const PMAX_S = 5;
const PERIODS_AFTER_CANCEL = 3;

export async function observeReportCancel(ctx: ScenarioContext, mode: CancelMode): Promise<void> {
  const path = parsePath(SENSOR_VALUE);
  const guard = guardRegistration(ctx);
  await configureAttributes(ctx, SENSOR_VALUE, { pmax: PMAX_S });
  const observation = await startObservation(ctx, SENSOR_VALUE);
  const { handle, token } = observation;
  const v = requireNumber(ctx, 'the Observe answer carries the sensor value', handle.first.entries, path, handle.first.decodeError);

  // Precondition (int-301): the relationship reports a change.
  const changedAt = await setValue(ctx, SENSOR_VALUE, reading(v + 3));
  await sleepUntil(ctx, changedAt + lateSlackMs(ctx));
  guard.assertKept();
  if (!handle.notifications.some((n) => n.receivedAt >= changedAt)) {
    ctx.inconclusive('no notification followed a value change, so there was no reporting observation to cancel (see LightweightM2M-1.0-int-301-pmin)');
  }
  ctx.note(`${handle.notifications.length} notification(s) before the cancel`);

  const cancelAt = ctx.clock.now();
  await handle.cancel(mode);
  // For a GET cancel, its own answer carries the token too: only what comes after it counts.
  const mark = traceMark(ctx.trace);
  ctx.note(mode === 'rst' ? 'cancel: the next notification is answered with RST' : 'cancel: GET with Observe=1 and the same token sent and answered');
  const secondAt = await setValue(ctx, SENSOR_VALUE, reading(v + 6));
  await sleepUntil(ctx, secondAt + PERIODS_AFTER_CANCEL * PMAX_S * 1000 + lateSlackMs(ctx));
  const thirdAt = await setValue(ctx, SENSOR_VALUE, reading(v + 9));
  await sleepUntil(ctx, thirdAt + PMAX_S * 1000 + lateSlackMs(ctx));
  guard.assertKept();
  ctx.exchangeSince(`cancel (${mode}) and what followed`, cancelAt);

  const sent = responsesWithToken(ctx.trace, token, mark);
  let late = sent;
  if (mode === 'rst') {
    const rejected = sent[0];
    if (rejected === undefined) ctx.inconclusive('the device sent no notification after the cancel, so none could be answered with RST');
    const rst = resetsSent(ctx.trace, rejected.id).has(rejected.message?.messageId ?? -1);
    ctx.note(`notification ${rejected.id} ${rst ? 'answered with RST' : 'could not be matched to an RST'}`);
    late = sent.slice(1);
  }
  ctx.check(
    `no notification after the observation was cancelled (${mode === 'rst' ? 'RST' : 'GET Observe=1'})`,
    late.length === 0,
    [],
    late.map((e) => ({ traceId: e.id, atMs: e.time - cancelAt, code: e.message?.code ?? '?' })),
  );
}
