/**
 * Which address a server account is reached at when its binding is SMS only ('S', 'SQ'): the LwM2M Server SMS
 * Number of its Security instance (/0/x/9) instead of the host of its Server URI. With U in the binding the
 * device registers over UDP and SMS is the second way in (the server reaches it at the `sms` it announced).
 */
import type { Endpoint } from '../../../harness/net/transport.ts';
import { isMsisdn, smsEndpoint } from '../../../harness/net/sms/msisdn.ts';

/** Security object resource 9: LwM2M Server SMS Number. */
export const SECURITY_SMS_NUMBER = 9;

/** The server's SMS endpoint when `binding` has S without U and `smsNumber` is an MSISDN; otherwise undefined. */
export function smsOnlyEndpoint(binding: unknown, smsNumber: unknown): Endpoint | undefined {
  if (typeof binding !== 'string' || !binding.includes('S') || binding.includes('U')) return undefined;
  return typeof smsNumber === 'string' && isMsisdn(smsNumber) ? smsEndpoint(smsNumber) : undefined;
}
