import { HarnessError } from '../../errors.ts';
import { TransportError } from '../errors.ts';

/** A datagram that would need more than 255 concatenated SMS (the 8-bit segment counter's limit). */
export class SmsTooLargeError extends TransportError {
  constructor(octets: number, maxOctets: number, context: Record<string, unknown> = {}) {
    super(`a datagram of ${octets} octets does not fit in 255 concatenated SMS (at most ${maxOctets} octets)`, { ...context, octets, maxOctets });
  }
}

/** Attaching a number that is not an MSISDN, or one that is already attached. */
export class SmsAttachError extends HarnessError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, { origin: 'harness', context });
  }
}
