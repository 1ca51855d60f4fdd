import { HarnessError } from '../errors.ts';
import type { Endpoint } from '../net/transport.ts';
import { endpointKey } from '../net/transport.ts';

/** The peer rejected our message with RST. */
export class CoapResetError extends HarnessError {
  constructor(peer: Endpoint, messageId: number, context: Record<string, unknown> = {}) {
    super(`${endpointKey(peer)} answered message ${messageId} with RST`, { origin: 'device', context: { ...context, peer, messageId } });
  }
}

/** A block-wise transfer could not be completed (RFC 7959). */
export class CoapBlockError extends HarnessError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, { origin: 'device', context });
  }
}

/** The endpoint was closed while an exchange was still running. */
export class CoapClosedError extends HarnessError {
  constructor(what: string) {
    super(`${what}: CoAP endpoint closed`, { origin: 'harness' });
  }
}
