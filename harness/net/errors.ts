import { HarnessError } from '../errors.ts';
import type { Endpoint } from './transport.ts';
import { endpointKey } from './transport.ts';

/**
 * Errors of the network layer. A socket that cannot be opened or a send the OS refuses is the lab's
 * problem (origin 'lab'), not the device's: DESIGN §3.9 keeps those out of `fail` verdicts.
 */
export class TransportError extends HarnessError {
  constructor(message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { origin: 'lab', context, cause });
  }
}

/** Binding an address and port that someone already holds. */
export class PortInUseError extends TransportError {
  constructor(bind: Endpoint, cause?: unknown) {
    super(`cannot bind ${endpointKey(bind)}: address and port already in use`, { bind: endpointKey(bind) }, cause);
  }
}

/** The OS (or the simulated network) refused to send a datagram. */
export class SendError extends TransportError {
  constructor(to: Endpoint, reason: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(`cannot send a datagram to ${endpointKey(to)}: ${reason}`, { ...context, to: endpointKey(to) }, cause);
  }
}

/** Using a transport after close(): a bug in the caller, so origin 'harness'. */
export class TransportClosedError extends HarnessError {
  constructor(local: Endpoint, operation: string) {
    super(`transport ${endpointKey(local)} is closed (${operation})`, {
      origin: 'harness',
      context: { local: endpointKey(local), operation },
    });
  }
}
