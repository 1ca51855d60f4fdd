import type { IncomingRequest } from '../../coap/api.ts';
import type { Trace } from '../../coap/trace.ts';
import type { ProtocolViolation } from './protocol-error.ts';
import type { Endpoint } from '../../net/transport.ts';

/** What a server emits as `protocolError`: the request that broke the protocol, what was answered and why. */
export interface ProtocolErrorEvent {
  from: Endpoint;
  method: string;
  path: string;
  code: string;
  reason: string;
  traceIds: number[];
}

/**
 * Writes the violation into the request's trace entries (an error already noted there stays) and describes it
 * as the `protocolError` event, with copies so that later changes to the request do not show through.
 */
export function recordViolation(request: IncomingRequest, violation: ProtocolViolation, trace: Trace | undefined): ProtocolErrorEvent {
  for (const id of request.traceIds) {
    const entry = trace?.get(id);
    if (entry !== undefined && entry.error === undefined) entry.error = violation.message;
  }
  return {
    from: { ...request.from },
    method: request.method,
    path: '/' + request.path.join('/'),
    code: violation.responseCode,
    reason: violation.message,
    traceIds: [...request.traceIds],
  };
}
