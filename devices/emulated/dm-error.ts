import { HarnessError } from '../../harness/errors.ts';

/** An LwM2M operation the emulated device refuses, with the CoAP response code it answers with. */
export class DmError extends HarnessError {
  constructor(readonly code: string, message: string, context: Record<string, unknown> = {}) {
    super(`${code} ${message}`, { origin: 'device', context: { ...context, code } });
  }
}

export const notFound = (what: string): DmError => new DmError('4.04', `not found: ${what}`, { path: what });
export const notAllowed = (what: string): DmError => new DmError('4.05', `method not allowed: ${what}`, { path: what });
export const badRequest = (what: string): DmError => new DmError('4.00', `bad request: ${what}`, { path: what });
export const unauthorized = (what: string): DmError => new DmError('4.01', `unauthorized: ${what}`, { path: what });
