/**
 * MSISDNs (phone numbers) as addresses of the SMS bearer. An SMS endpoint has no port: it is the number with
 * port 0, so that the CoAP layers above can key peers by Endpoint as they do for UDP.
 */
import type { Endpoint } from '../transport.ts';

/** E.164-like: an optional '+' and 3 to 15 digits. No IP literal or host name looks like this. */
const MSISDN = /^\+?[0-9]{3,15}$/;

export function isMsisdn(address: string): boolean {
  return MSISDN.test(address);
}

/** The endpoint an SMS from (or to) `msisdn` is known by. */
export function smsEndpoint(msisdn: string): Endpoint {
  return { address: msisdn, port: 0 };
}
