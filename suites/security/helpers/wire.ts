/**
 * Reading datagrams as an eavesdropper on the device's link would: is this a sequence of DTLS records, and
 * does any known plaintext show in it?
 */
import type { WireDatagram } from '../../../harness/engine/wire-tap.ts';

const RECORD_HEADER = 13;
const DTLS_VERSIONS = new Set([0xfefd, 0xfeff]);
const CONTENT_TYPES = new Set([20, 21, 22, 23]);
const HANDSHAKE_TYPES = new Set([20, 21, 22]);

export interface RecordShape {
  type: number;
  epoch: number;
  /** The whole record (header and fragment) within the datagram. */
  bytes: Buffer;
}

/** The records of a datagram, or undefined when it is not (only) DTLS records. */
export function dtlsRecords(bytes: Buffer): RecordShape[] | undefined {
  const out: RecordShape[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (bytes.length - at < RECORD_HEADER) return undefined;
    const type = bytes.readUInt8(at);
    const version = bytes.readUInt16BE(at + 1);
    const epoch = bytes.readUInt16BE(at + 3);
    const length = bytes.readUInt16BE(at + 11);
    if (!CONTENT_TYPES.has(type) || !DTLS_VERSIONS.has(version) || at + RECORD_HEADER + length > bytes.length) return undefined;
    out.push({ type, epoch, bytes: bytes.subarray(at, at + RECORD_HEADER + length) });
    at += RECORD_HEADER + length;
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The bytes of a datagram an eavesdropper could read something from: all of it when it is not DTLS; else every
 * record but the unprotected handshake ones (epoch 0 handshake, ChangeCipherSpec, alert), where the PSK
 * identity travels in clear by design (RFC 4279 §2). Epoch-0 application data is plaintext and is kept.
 */
export function scannableBytes(bytes: Buffer): Buffer {
  const records = dtlsRecords(bytes);
  if (!records) return bytes;
  return Buffer.concat(records.filter((r) => !(r.epoch === 0 && HANDSHAKE_TYPES.has(r.type))).map((r) => r.bytes));
}

export interface Leak {
  time: number;
  direction: 'in' | 'out';
  what: string;
  length: number;
}

/** Every (datagram, known plaintext) pair where the plaintext occurs in the datagram's readable bytes. */
export function findLeaks(datagrams: readonly WireDatagram[], known: ReadonlyMap<string, Buffer>): Leak[] {
  const leaks: Leak[] = [];
  for (const d of datagrams) {
    const readable = scannableBytes(d.bytes);
    for (const [what, needle] of known) {
      if (needle.length > 0 && readable.includes(needle)) leaks.push({ time: d.time, direction: d.direction, what, length: d.bytes.length });
    }
  }
  return leaks;
}
