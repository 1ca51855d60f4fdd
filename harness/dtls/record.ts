import { RECORD_HEADER_LENGTH } from './constants.ts';

/** Largest 48-bit record sequence number; a connection must rekey before it wraps (RFC 6347 §4.1). */
export const MAX_SEQUENCE = 2 ** 48 - 1;

/** One DTLS record as it is on the wire (DTLSPlaintext, or DTLSCiphertext with a protected fragment). */
export interface DtlsRecord {
  type: number;
  version: number;
  epoch: number;
  /** 48-bit record sequence number (safe as a JS number). */
  sequence: number;
  fragment: Buffer;
}

export interface ParsedDatagram {
  records: DtlsRecord[];
  /** Raw bytes of each record (header and fragment), same order as records: fault injection replays them. */
  raw: Buffer[];
  /** Trailing bytes that are not a whole record (dropped by the caller, counted). */
  malformedTail: number;
}

/** Splits a datagram into its records; a truncated last record is reported, not thrown. */
export function parseDatagram(datagram: Buffer): ParsedDatagram {
  const records: DtlsRecord[] = [];
  const raw: Buffer[] = [];
  let offset = 0;
  while (offset + RECORD_HEADER_LENGTH <= datagram.length) {
    const length = datagram.readUInt16BE(offset + 11);
    const end = offset + RECORD_HEADER_LENGTH + length;
    if (end > datagram.length) break;
    records.push({
      type: datagram.readUInt8(offset),
      version: datagram.readUInt16BE(offset + 1),
      epoch: datagram.readUInt16BE(offset + 3),
      sequence: datagram.readUIntBE(offset + 5, 6),
      fragment: datagram.subarray(offset + RECORD_HEADER_LENGTH, end),
    });
    raw.push(datagram.subarray(offset, end));
    offset = end;
  }
  return { records, raw, malformedTail: datagram.length - offset };
}

export function encodeRecord(record: DtlsRecord): Buffer {
  const out = Buffer.alloc(RECORD_HEADER_LENGTH + record.fragment.length);
  writeRecordHeader(out, record.type, record.version, record.epoch, record.sequence, record.fragment.length);
  record.fragment.copy(out, RECORD_HEADER_LENGTH);
  return out;
}

function writeRecordHeader(out: Buffer, type: number, version: number, epoch: number, sequence: number, length: number): void {
  out.writeUInt8(type, 0);
  out.writeUInt16BE(version, 1);
  out.writeUInt16BE(epoch, 3);
  out.writeUIntBE(sequence, 5, 6);
  out.writeUInt16BE(length, 11);
}

/**
 * The 13 bytes both ciphers authenticate: epoch and sequence (the 64-bit seq_num of TLS), type, version,
 * and the plaintext length (RFC 6347 §4.1.2.1, RFC 5246 §6.2.3).
 */
export function additionalData(type: number, version: number, epoch: number, sequence: number, plaintextLength: number): Buffer {
  const out = Buffer.alloc(13);
  out.writeUInt16BE(epoch, 0);
  out.writeUIntBE(sequence, 2, 6);
  out.writeUInt8(type, 8);
  out.writeUInt16BE(version, 9);
  out.writeUInt16BE(plaintextLength, 11);
  return out;
}

/** The 8-byte epoch||sequence value (used as CCM's explicit nonce). */
export function epochAndSequence(epoch: number, sequence: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeUInt16BE(epoch, 0);
  out.writeUIntBE(sequence, 2, 6);
  return out;
}
