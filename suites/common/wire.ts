/**
 * Views on the scenario's trace from the reference server's side: which datagrams the device sent to it,
 * which the server sent back. Checks that are about the wire itself (retransmission timing, ACK types,
 * silence during a Disable Timeout) read the trace rather than the server's events.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import type { CoapMessage } from '../../harness/coap/api.ts';
import type { TraceEntry } from '../../harness/coap/trace.ts';
import { uriPath } from '../../harness/coap/options.ts';
import { sameEndpoint } from '../../harness/net/transport.ts';

/** A traced datagram that decoded as CoAP. */
export type CoapTraceEntry = TraceEntry & { message: CoapMessage };

function decoded(e: TraceEntry): e is CoapTraceEntry {
  return e.message !== undefined;
}

/** Datagrams that reached the LwM2M server (not the bootstrap server) in [from, to], decoded, oldest first. */
export function intoServer(ctx: ScenarioContext, from: number, to?: number): CoapTraceEntry[] {
  return ctx.trace
    .entries({ direction: 'in', from, ...(to !== undefined ? { to } : {}) })
    .filter((e) => sameEndpoint(e.local, ctx.server.local))
    .filter(decoded);
}

/** Datagrams the LwM2M server sent in [from, to], decoded, oldest first. */
export function fromServer(ctx: ScenarioContext, from: number, to?: number): CoapTraceEntry[] {
  return ctx.trace
    .entries({ direction: 'out', from, ...(to !== undefined ? { to } : {}) })
    .filter((e) => sameEndpoint(e.local, ctx.server.local))
    .filter(decoded);
}

/** True for a request (method code 0.01-0.31), not an empty message. */
export function isRequest(m: CoapMessage): boolean {
  return m.code.startsWith('0.') && m.code !== '0.00';
}

/** `/rd/5a3f` style text of a message's Uri-Path. */
export function pathText(m: CoapMessage): string {
  return '/' + uriPath(m).join('/');
}

/** Requests the device sent to the LwM2M server in [from, to] (Register, Update, De-register, Send...). */
export function requestsToServer(ctx: ScenarioContext, from: number, to?: number): CoapTraceEntry[] {
  return intoServer(ctx, from, to).filter((e) => isRequest(e.message));
}

/** One line per entry for evidence, e.g. "12.345 CON 0.02 mid=17 /rd". */
export function describeEntries(ctx: ScenarioContext, entries: readonly TraceEntry[], limit = 12): string[] {
  const lines = entries.slice(0, limit).map((e) => ctx.trace.render(e));
  if (entries.length > limit) lines.push(`… and ${entries.length - limit} more`);
  return lines;
}

/**
 * The first trace entry (already recorded at or after `since`, or still to come) that satisfies `accept`, or
 * undefined after `timeoutMs` of the run's clock. The listener runs while the datagram is being handled, so a
 * caller can react before the next datagram (e.g. impair the link before the answer to a request goes out).
 */
export function waitForTrace(
  ctx: ScenarioContext,
  since: number,
  timeoutMs: number,
  accept: (e: TraceEntry) => boolean,
  onFound?: (e: TraceEntry) => void,
): Promise<TraceEntry | undefined> {
  const past = ctx.trace.entries({ from: since }).find(accept);
  if (past !== undefined) {
    onFound?.(past);
    return Promise.resolve(past);
  }
  return new Promise((resolve) => {
    const done = (e: TraceEntry | undefined): void => {
      off();
      timer.cancel();
      resolve(e);
    };
    const off = ctx.trace.onEntry((e) => {
      if (!accept(e)) return;
      onFound?.(e);
      done(e);
    });
    const timer = ctx.clock.setTimeout(() => done(undefined), timeoutMs);
  });
}

/** The id of the latest trace entry: entries with a larger id came after (times alone tie on the virtual clock). */
export function traceMark(ctx: ScenarioContext): number {
  return ctx.trace.entries().at(-1)?.id ?? 0;
}
