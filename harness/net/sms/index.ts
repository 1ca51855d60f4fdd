// The simulated SMS bearer: an SMS centre, per-number transports with concatenation, and a router over IP + SMS.
export { SmsCenter, DEFAULT_SMS_LATENCY, DEFAULT_REASSEMBLY_TIMEOUT_MS } from './sms-center.ts';
export type { LatencyRange, SmsCenterOptions } from './sms-center.ts';
export { SmsTransport } from './sms-transport.ts';
export { BearerRouter } from './bearer-router.ts';
export type { Bearer, BearerRouterOptions } from './bearer-router.ts';
export { isMsisdn, smsEndpoint } from './msisdn.ts';
export {
  CONCAT_HEADER_OCTETS,
  CONCAT_PAYLOAD_OCTETS,
  MAX_CONCAT_SEGMENTS,
  MAX_MESSAGE_OCTETS,
  SMS_USER_DATA_OCTETS,
  parseSms,
  splitIntoSms,
} from './segments.ts';
export type { ConcatInfo, ParsedSms, SmsPdu } from './segments.ts';
export { describeSmsEvent, emptySmsStats } from './sms-events.ts';
export type { SegmentFate, SmsEvent, SmsMessageEvent, SmsSegmentEvent, SmsStats } from './sms-events.ts';
export { SmsAttachError, SmsTooLargeError } from './errors.ts';
