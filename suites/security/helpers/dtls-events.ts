/**
 * Waiting for the secure server's DTLS events (handshake outcomes) on the run's clock.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import type { DtlsEventMap, DtlsEventName } from '../../../harness/dtls/events.ts';
import type { DtlsServerTransport } from '../../../harness/dtls/dtls-server-transport.ts';
import { TimeoutError } from '../../../harness/errors.ts';

export interface DtlsEventRecord {
  name: DtlsEventName;
  at: number;
  event: DtlsEventMap[DtlsEventName];
}

/** Keeps every DTLS event from now until the scenario ends (the recorder stops in teardown). */
export function recordDtlsEvents(ctx: ScenarioContext, dtls: DtlsServerTransport): DtlsEventRecord[] {
  const events: DtlsEventRecord[] = [];
  const names: DtlsEventName[] = ['handshakeComplete', 'handshakeFailed', 'alert', 'sessionClosed', 'recordDropped'];
  const stops = names.map((name) => dtls.on(name, (event) => events.push({ name, at: ctx.clock.now(), event })));
  ctx.defer(() => stops.forEach((stop) => stop()));
  return events;
}

/** Resolves with the first recorded event (already seen or to come) that matches; TimeoutError after timeoutMs. */
export function waitForDtlsEvent(
  ctx: ScenarioContext,
  events: DtlsEventRecord[],
  match: (e: DtlsEventRecord) => boolean,
  timeoutMs: number,
  what: string,
): Promise<DtlsEventRecord> {
  const seen = events.find(match);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const poll = ctx.clock.setInterval(() => {
      const found = events.find(match);
      if (!found) return;
      poll.cancel();
      timer.cancel();
      resolve(found);
    }, 50);
    const timer = ctx.clock.setTimeout(() => {
      poll.cancel();
      reject(new TimeoutError(what, timeoutMs));
    }, timeoutMs);
  });
}
