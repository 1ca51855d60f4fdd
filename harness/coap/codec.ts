import packet from 'coap-packet';
import type { CoapMessage, CoapOption, CoapType } from './api.ts';
import { HarnessError } from '../errors.ts';
import { byteToCode, codeClass, codeToByte, EMPTY_CODE, isRequestCode } from './codes.ts';
import { sortOptions } from './options.ts';

/** Why a datagram is not a well-formed CoAP message (RFC 7252 §3 "message format error"). */
export type CoapDecodeReason =
  | 'truncated header'
  | 'unsupported version'
  | 'bad token length'
  | 'truncated token'
  | 'reserved code class'
  | 'bad empty message'
  | 'bad option delta'
  | 'bad option length'
  | 'truncated option'
  | 'payload marker with no payload'
  | 'bad type for code';

export class CoapDecodeError extends HarnessError {
  readonly reason: CoapDecodeReason;
  /** The header fields when the first 4 bytes were readable (so a receiver may answer with RST). */
  readonly header?: { type: CoapType; code: string; messageId: number };

  constructor(reason: CoapDecodeReason, detail: string, header?: { type: CoapType; code: string; messageId: number }) {
    super(`malformed CoAP message: ${reason}${detail ? ` (${detail})` : ''}`, {
      origin: 'device',
      context: { reason, ...(header ? { header } : {}) },
    });
    this.reason = reason;
    if (header) this.header = header;
  }
}

export class CoapEncodeError extends HarnessError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, { origin: 'harness', context });
  }
}

const TYPES: readonly CoapType[] = ['CON', 'NON', 'ACK', 'RST'];

/** coap-packet reports known options by name; these map them back to numbers. */
const PACKET_OPTION_NUMBERS: Record<string, number> = {
  'If-Match': 1, 'Uri-Host': 3, ETag: 4, 'If-None-Match': 5, Observe: 6, 'Uri-Port': 7, 'Location-Path': 8,
  OSCORE: 9, 'Uri-Path': 11, 'Content-Format': 12, 'Max-Age': 14, 'Uri-Query': 15, 'Hop-Limit': 16, Accept: 17,
  'Q-Block1': 19, 'Location-Query': 20, Block2: 23, Block1: 27, Size2: 28, 'Q-Block2': 31, 'Proxy-Uri': 35,
  'Proxy-Scheme': 39, Size1: 60, 'No-Response': 258, 'OCF-Accept-Content-Format-Version': 2049,
  'OCF-Content-Format-Version': 2053,
};

function packetOptionNumber(name: string | number): number {
  if (typeof name === 'number') return name;
  return PACKET_OPTION_NUMBERS[name] ?? Number.parseInt(name, 10);
}

/**
 * Decodes one datagram. coap-packet does the field extraction; the structural checks it does not make
 * (token length 9-15, reserved classes, truncation, a bare payload marker...) are made here first.
 */
export function decode(bytes: Buffer): CoapMessage {
  const optionCount = validate(bytes);
  let parsed: ReturnType<typeof packet.parse>;
  try {
    parsed = packet.parse(bytes);
  } catch (error) {
    // validate() should have caught every case coap-packet rejects; keep a typed error if not.
    throw new CoapDecodeError('truncated option', error instanceof Error ? error.message : String(error), readHeader(bytes));
  }
  const options: CoapOption[] = parsed.options.map((o) => ({ number: packetOptionNumber(o.name), value: Buffer.from(o.value) }));
  if (options.length !== optionCount) throw new CoapDecodeError('truncated option', 'option count mismatch', readHeader(bytes));
  return {
    type: typeOf(bytes[0] ?? 0),
    code: parsed.code,
    messageId: parsed.messageId,
    token: Buffer.from(parsed.token),
    options,
    payload: Buffer.from(parsed.payload),
  };
}

/** Encodes a message; options may be in any order (they are sorted, repeated options keep their order). */
export function encode(message: CoapMessage): Buffer {
  if (message.token.length > 8) throw new CoapEncodeError(`token of ${message.token.length} bytes (max 8)`);
  if (!Number.isInteger(message.messageId) || message.messageId < 0 || message.messageId > 0xffff) {
    throw new CoapEncodeError(`message id out of range: ${message.messageId}`);
  }
  try {
    codeToByte(message.code);
  } catch (error) {
    throw new CoapEncodeError(`bad code "${message.code}"`, { cause: String(error) });
  }
  if (message.code === EMPTY_CODE && (message.token.length > 0 || message.options.length > 0 || message.payload.length > 0)) {
    throw new CoapEncodeError('an Empty message (0.00) carries no token, options or payload');
  }
  return packet.generate(
    {
      code: message.code,
      messageId: message.messageId,
      token: message.token,
      options: sortOptions(message.options).map((o) => ({ name: o.number, value: o.value })),
      payload: message.payload,
      confirmable: message.type === 'CON',
      ack: message.type === 'ACK',
      reset: message.type === 'RST',
    },
    0xffff,
  );
}

function typeOf(firstByte: number): CoapType {
  return TYPES[(firstByte >> 4) & 0x3] ?? 'CON';
}

/** The fixed header, if at least its 4 bytes exist and the version is 1. */
export function readHeader(bytes: Buffer): { type: CoapType; code: string; messageId: number } | undefined {
  if (bytes.length < 4 || (bytes[0] ?? 0) >> 6 !== 1) return undefined;
  return { type: typeOf(bytes[0] ?? 0), code: byteToCode(bytes[1] ?? 0), messageId: bytes.readUInt16BE(2) };
}

/** Checks the structure; returns the number of options. */
function validate(bytes: Buffer): number {
  if (bytes.length < 4) throw new CoapDecodeError('truncated header', `${bytes.length} bytes`);
  const first = bytes[0] ?? 0;
  if (first >> 6 !== 1) throw new CoapDecodeError('unsupported version', `version ${first >> 6}`);
  const header = readHeader(bytes);
  const tkl = first & 0x0f;
  if (tkl > 8) throw new CoapDecodeError('bad token length', `TKL ${tkl}`, header);
  if (bytes.length < 4 + tkl) throw new CoapDecodeError('truncated token', `TKL ${tkl}, ${bytes.length} bytes`, header);
  const code = byteToCode(bytes[1] ?? 0);
  const cls = codeClass(code);
  if (cls === 1 || cls === 6 || cls === 7) throw new CoapDecodeError('reserved code class', `code ${code}`, header);
  const type = typeOf(first);
  if (code === EMPTY_CODE) {
    if (bytes.length !== 4) throw new CoapDecodeError('bad empty message', `${bytes.length} bytes with code 0.00`, header);
    if (type === 'NON') throw new CoapDecodeError('bad type for code', 'an Empty message cannot be NON', header);
    return 0;
  }
  if (type === 'RST') throw new CoapDecodeError('bad type for code', `RST with code ${code}`, header);
  if (type === 'ACK' && isRequestCode(code)) throw new CoapDecodeError('bad type for code', `ACK with request code ${code}`, header);

  let index = 4 + tkl;
  let number = 0;
  let count = 0;
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0;
    if (byte === 0xff) {
      if (index + 1 >= bytes.length) throw new CoapDecodeError('payload marker with no payload', '', header);
      return count;
    }
    index += 1;
    const delta = readExtended(bytes, byte >> 4, index, 'bad option delta', header);
    index = delta.next;
    const length = readExtended(bytes, byte & 0x0f, index, 'bad option length', header);
    index = length.next;
    number += delta.value;
    if (number > 0xffff) throw new CoapDecodeError('bad option delta', `option number ${number}`, header);
    if (index + length.value > bytes.length) {
      throw new CoapDecodeError('truncated option', `option ${number} needs ${length.value} bytes`, header);
    }
    index += length.value;
    count += 1;
  }
  return count;
}

function readExtended(
  bytes: Buffer,
  nibble: number,
  index: number,
  reason: 'bad option delta' | 'bad option length',
  header: ReturnType<typeof readHeader>,
): { value: number; next: number } {
  if (nibble < 13) return { value: nibble, next: index };
  if (nibble === 15) throw new CoapDecodeError(reason, 'reserved nibble 15', header);
  const size = nibble === 13 ? 1 : 2;
  if (index + size > bytes.length) throw new CoapDecodeError('truncated option', 'extended option header cut off', header);
  const value = nibble === 13 ? (bytes[index] ?? 0) + 13 : bytes.readUInt16BE(index) + 269;
  return { value, next: index + size };
}
