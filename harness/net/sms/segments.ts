/**
 * Binary SMS framing (3GPP TS 23.040): one SMS carries at most 140 octets of user data (TP-UD). A longer
 * datagram goes as concatenated SMS, each starting with a User Data Header that holds the concatenation
 * element (IEI 0x00, 8-bit reference): UDHL=05, IEI=00, IEDL=03, reference, total, sequence (1-based).
 * That header takes 6 octets, leaving 134 for the datagram in each segment. TP-UDHI says a header is there.
 */
export const SMS_USER_DATA_OCTETS = 140;
export const CONCAT_HEADER_OCTETS = 6;
export const CONCAT_PAYLOAD_OCTETS = SMS_USER_DATA_OCTETS - CONCAT_HEADER_OCTETS;
export const MAX_CONCAT_SEGMENTS = 255;
export const MAX_MESSAGE_OCTETS = MAX_CONCAT_SEGMENTS * CONCAT_PAYLOAD_OCTETS;

const IEI_CONCAT_8BIT = 0x00;
const IEI_CONCAT_16BIT = 0x08;

/** One binary SMS as the bearer carries it. */
export interface SmsPdu {
  /** TP-UDHI: the user data starts with a User Data Header. */
  udhi: boolean;
  /** TP-UD, at most 140 octets. */
  userData: Buffer;
}

export interface ConcatInfo {
  reference: number;
  total: number;
  /** 1-based position of this segment. */
  sequence: number;
}

export type ParsedSms =
  | { kind: 'whole'; payload: Buffer }
  | { kind: 'part'; concat: ConcatInfo; payload: Buffer }
  | { kind: 'malformed'; reason: string };

/**
 * The SMS that carry `data`: one without header when it fits in 140 octets, else 134-octet segments with the
 * concatenation header. Returns undefined when it would take more than 255 segments (the caller refuses it).
 */
export function splitIntoSms(data: Buffer, reference: number): SmsPdu[] | undefined {
  if (data.length <= SMS_USER_DATA_OCTETS) return [{ udhi: false, userData: Buffer.from(data) }];
  const total = Math.ceil(data.length / CONCAT_PAYLOAD_OCTETS);
  if (total > MAX_CONCAT_SEGMENTS) return undefined;
  const pdus: SmsPdu[] = [];
  for (let i = 0; i < total; i++) {
    const header = Buffer.from([0x05, IEI_CONCAT_8BIT, 0x03, reference & 0xff, total, i + 1]);
    const chunk = data.subarray(i * CONCAT_PAYLOAD_OCTETS, (i + 1) * CONCAT_PAYLOAD_OCTETS);
    pdus.push({ udhi: true, userData: Buffer.concat([header, chunk]) });
  }
  return pdus;
}

/** Reads one received SMS: a whole datagram, a segment of one, or something that cannot be used. */
export function parseSms(pdu: SmsPdu): ParsedSms {
  const ud = pdu.userData;
  if (ud.length > SMS_USER_DATA_OCTETS) return { kind: 'malformed', reason: `user data of ${ud.length} octets exceeds ${SMS_USER_DATA_OCTETS}` };
  if (!pdu.udhi) return { kind: 'whole', payload: ud };
  const udhl = ud[0];
  if (udhl === undefined || 1 + udhl > ud.length) return { kind: 'malformed', reason: 'user data header longer than the user data' };
  const header = ud.subarray(1, 1 + udhl);
  const payload = ud.subarray(1 + udhl);
  // Walk the information elements; anything but concatenation (port addressing, ...) is skipped.
  for (let at = 0; at < header.length; ) {
    const iei = header[at];
    const length = header[at + 1];
    if (iei === undefined || length === undefined || at + 2 + length > header.length) return { kind: 'malformed', reason: 'truncated information element' };
    const value = header.subarray(at + 2, at + 2 + length);
    if (iei === IEI_CONCAT_8BIT || iei === IEI_CONCAT_16BIT) {
      const concat = concatOf(iei, value);
      if (concat === undefined) return { kind: 'malformed', reason: `bad concatenation element (IEI ${iei})` };
      return { kind: 'part', concat, payload };
    }
    at += 2 + length;
  }
  return { kind: 'whole', payload };
}

function concatOf(iei: number, value: Buffer): ConcatInfo | undefined {
  const expected = iei === IEI_CONCAT_8BIT ? 3 : 4;
  if (value.length !== expected) return undefined;
  const reference = iei === IEI_CONCAT_8BIT ? (value[0] ?? 0) : value.readUInt16BE(0);
  const total = value[expected - 2] ?? 0;
  const sequence = value[expected - 1] ?? 0;
  if (total < 1 || sequence < 1 || sequence > total) return undefined;
  return { reference, total, sequence };
}
