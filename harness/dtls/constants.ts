/** Wire numbers of DTLS 1.2 (RFC 6347, RFC 5246, RFC 4279, RFC 7627, RFC 5746) used by this folder. */
export const DTLS_1_2 = 0xfefd;
/** DTLS 1.0: what a HelloVerifyRequest carries (RFC 6347 §4.2.1) and what some first ClientHellos use. */
export const DTLS_1_0 = 0xfeff;

export const ContentType = {
  changeCipherSpec: 20,
  alert: 21,
  handshake: 22,
  applicationData: 23,
} as const;
export type ContentTypeNumber = (typeof ContentType)[keyof typeof ContentType];

export const HandshakeType = {
  helloRequest: 0,
  clientHello: 1,
  serverHello: 2,
  helloVerifyRequest: 3,
  serverKeyExchange: 12,
  serverHelloDone: 14,
  clientKeyExchange: 16,
  finished: 20,
} as const;

export const ExtensionType = {
  extendedMasterSecret: 0x0017,
  renegotiationInfo: 0xff01,
} as const;

/** Signalling suite value meaning "I support secure renegotiation" (RFC 5746 §3.3). */
export const EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;

/** Random bytes in ClientHello/ServerHello. */
export const RANDOM_LENGTH = 32;
/** verify_data of Finished for TLS 1.2 suites. */
export const VERIFY_DATA_LENGTH = 12;
/** Bytes of a record header: type, version, epoch, 48-bit sequence number, length. */
export const RECORD_HEADER_LENGTH = 13;
/** Bytes of a handshake header: type, length, message_seq, fragment_offset, fragment_length. */
export const HANDSHAKE_HEADER_LENGTH = 12;
