/**
 * The Register exchange of the device as traced: the request (with retransmissions) and the server's answer.
 *
 * The server reports a registration while it handles the Register, before its 2.01 is on the wire, so a
 * scenario that starts right away would send its first request ahead of that answer and catch the device
 * still registering. `registerAnswered` waits until the answer has left (the link delivers in order, so the
 * device sees it before anything the scenario sends next).
 */
import type { TraceEntry } from '../../harness/coap/trace.ts';
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { sameEndpoint } from '../../harness/net/transport.ts';
import { intoServer, isRequest, pathText, waitForTrace } from './wire.ts';

/** How long the server's answer may take to leave after it handled the Register (it is sent right after). */
const ANSWER_WAIT_MS = 5000;

/** Trace ids of the latest Register handled at or before `at` and of the server's answer to it. */
export async function registerExchange(ctx: ScenarioContext, at = ctx.clock.now()): Promise<number[]> {
  const request = intoServer(ctx, -Infinity, at)
    .filter((e) => isRequest(e.message) && e.message.code === '0.02' && pathText(e.message) === '/rd')
    .at(-1);
  if (request === undefined) return [];
  const sameExchange = (e: TraceEntry): boolean =>
    sameEndpoint(e.local, request.local) && sameEndpoint(e.remote, request.remote) && e.message?.messageId === request.message.messageId;
  await waitForTrace(ctx, request.time, ANSWER_WAIT_MS, (e) => e.direction === 'out' && sameExchange(e));
  return ctx.trace.entries().filter(sameExchange).map((e) => e.id);
}

/** Resolves once the server's answer to the device's latest Register is on the wire (or after a short wait). */
export async function registerAnswered(ctx: ScenarioContext): Promise<void> {
  await registerExchange(ctx);
}
