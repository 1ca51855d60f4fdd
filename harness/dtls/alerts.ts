import { DtlsDecodeError } from './errors.ts';

export const AlertLevel = { warning: 1, fatal: 2 } as const;

/** Alert descriptions this implementation sends or names (RFC 5246 §7.2, RFC 4279 §2). */
export const AlertDescription = {
  closeNotify: 0,
  unexpectedMessage: 10,
  badRecordMac: 20,
  handshakeFailure: 40,
  illegalParameter: 47,
  decodeError: 50,
  decryptError: 51,
  protocolVersion: 70,
  insufficientSecurity: 71,
  internalError: 80,
  noRenegotiation: 100,
  unsupportedExtension: 110,
  unknownPskIdentity: 115,
} as const;

export interface Alert {
  level: number;
  description: number;
}

export function encodeAlert(alert: Alert): Buffer {
  return Buffer.from([alert.level, alert.description]);
}

export function parseAlert(bytes: Buffer): Alert {
  if (bytes.length !== 2) throw new DtlsDecodeError('alert', { length: bytes.length });
  return { level: bytes[0] ?? 0, description: bytes[1] ?? 0 };
}

/** A readable name for traces and errors, e.g. "bad_record_mac(20)". */
export function alertName(description: number): string {
  const names: Record<number, string> = {
    0: 'close_notify', 10: 'unexpected_message', 20: 'bad_record_mac', 40: 'handshake_failure',
    47: 'illegal_parameter', 50: 'decode_error', 51: 'decrypt_error', 70: 'protocol_version',
    71: 'insufficient_security', 80: 'internal_error', 100: 'no_renegotiation', 110: 'unsupported_extension', 115: 'unknown_psk_identity',
  };
  return `${names[description] ?? 'alert'}(${description})`;
}
