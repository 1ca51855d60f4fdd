import type { HandlerSet } from '../net/handlers.ts';
import type { DatagramTransport, Endpoint } from '../net/transport.ts';
import type { TransmitKind } from './connection.ts';

/**
 * Hands a connection's datagrams to the inner transport. Application data that cannot be sent fails the
 * caller's send; a handshake flight that cannot be sent is only reported, since it is retransmitted.
 */
export function sendDatagrams(inner: DatagramTransport, datagrams: readonly Buffer[], to: Endpoint, kind: TransmitKind, handlers: HandlerSet): Promise<void> {
  return Promise.all(datagrams.map((d) => inner.send(d, to))).then(
    () => undefined,
    (error: unknown) => {
      if (kind === 'application') throw error;
      handlers.reportError(error, false);
    },
  );
}
