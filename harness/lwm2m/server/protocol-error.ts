import { HarnessError } from '../../errors.ts';

/**
 * A request from a device that breaks the protocol. The server answers it with `responseCode` (4.00 unless the
 * specification names another) and writes `message` into the trace as the reason. Origin is the device.
 */
export class ProtocolViolation extends HarnessError {
  readonly responseCode: string;

  constructor(message: string, responseCode = '4.00', context: Record<string, unknown> = {}) {
    super(message, { origin: 'device', context: { ...context, responseCode } });
    this.responseCode = responseCode;
  }
}

/** An operation named a client the server does not know (never registered, de-registered or expired). */
export class UnknownClientError extends HarnessError {
  constructor(endpoint: string, operation: string) {
    super(`${operation}: no registration for endpoint '${endpoint}'`, { origin: 'device', context: { endpoint, operation } });
  }
}

/** An operation asked to reach a client by SMS, and its registration announced no MSISDN (`sms` parameter). */
export class NoSmsNumberError extends HarnessError {
  constructor(endpoint: string, operation: string) {
    super(`${operation}: endpoint '${endpoint}' announced no sms number, so it cannot be reached by SMS`, { origin: 'device', context: { endpoint, operation } });
  }
}
