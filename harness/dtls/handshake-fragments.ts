import { HANDSHAKE_HEADER_LENGTH } from './constants.ts';
import { DtlsDecodeError } from './errors.ts';

/** A whole handshake message (body without the 12-byte DTLS handshake header). */
export interface HandshakeMessage {
  type: number;
  messageSeq: number;
  body: Buffer;
  /** Epoch of the record(s) it arrived in (received messages only): a Finished must come protected. */
  epoch?: number;
}

/** One handshake fragment as carried in a record. */
export interface HandshakeFragment {
  type: number;
  length: number;
  messageSeq: number;
  offset: number;
  data: Buffer;
}

/** Largest handshake message accepted for reassembly (PSK flights are tiny; this bounds memory). */
export const MAX_HANDSHAKE_MESSAGE = 16 * 1024;

function header(type: number, length: number, messageSeq: number, offset: number, fragmentLength: number): Buffer {
  const out = Buffer.alloc(HANDSHAKE_HEADER_LENGTH);
  out.writeUInt8(type, 0);
  out.writeUIntBE(length, 1, 3);
  out.writeUInt16BE(messageSeq, 4);
  out.writeUIntBE(offset, 6, 3);
  out.writeUIntBE(fragmentLength, 9, 3);
  return out;
}

/** The message as one fragment: how it is sent when it fits, and how it enters the transcript (RFC 6347 §4.2.6). */
export function encodeWhole(message: HandshakeMessage): Buffer {
  return Buffer.concat([header(message.type, message.body.length, message.messageSeq, 0, message.body.length), message.body]);
}

/** Splits a message into fragments of at most maxFragment body bytes each (each with its own header). */
export function fragmentMessage(message: HandshakeMessage, maxFragment: number): Buffer[] {
  if (maxFragment < 1) throw new RangeError('maxFragment must be at least 1');
  const { body } = message;
  if (body.length <= maxFragment) return [encodeWhole(message)];
  const out: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += maxFragment) {
    const data = body.subarray(offset, Math.min(body.length, offset + maxFragment));
    out.push(Buffer.concat([header(message.type, body.length, message.messageSeq, offset, data.length), data]));
  }
  return out;
}

/** Every handshake fragment in one record's plaintext (a record may carry several). */
export function parseFragments(plaintext: Buffer): HandshakeFragment[] {
  const out: HandshakeFragment[] = [];
  let offset = 0;
  while (offset < plaintext.length) {
    if (offset + HANDSHAKE_HEADER_LENGTH > plaintext.length) throw new DtlsDecodeError('handshake header', { bytes: plaintext.length - offset });
    const type = plaintext.readUInt8(offset);
    const length = plaintext.readUIntBE(offset + 1, 3);
    const messageSeq = plaintext.readUInt16BE(offset + 4);
    const fragOffset = plaintext.readUIntBE(offset + 6, 3);
    const fragLength = plaintext.readUIntBE(offset + 9, 3);
    const start = offset + HANDSHAKE_HEADER_LENGTH;
    if (start + fragLength > plaintext.length || fragOffset + fragLength > length) {
      throw new DtlsDecodeError('handshake fragment', { type, length, fragOffset, fragLength });
    }
    out.push({ type, length, messageSeq, offset: fragOffset, data: plaintext.subarray(start, start + fragLength) });
    offset = start + fragLength;
  }
  return out;
}

/** Collects the fragments of one message (any order, overlaps allowed) until every byte is present. */
class PartialMessage {
  readonly body: Buffer;
  private readonly filled: Uint8Array;
  private missing: number;

  constructor(readonly type: number, length: number, readonly epoch: number) {
    this.body = Buffer.alloc(length);
    this.filled = new Uint8Array(length);
    this.missing = length;
  }

  add(fragment: HandshakeFragment): boolean {
    fragment.data.copy(this.body, fragment.offset);
    for (let i = fragment.offset; i < fragment.offset + fragment.data.length; i++) {
      if (this.filled[i] === 0) {
        this.filled[i] = 1;
        this.missing--;
      }
    }
    return this.missing === 0;
  }
}

/**
 * Reassembles handshake messages in message_seq order. Fragments of older messages are reported as
 * retransmissions (the peer lost our answer); fragments too far ahead are dropped (bounded buffering).
 */
export class HandshakeReassembler {
  private readonly partial = new Map<number, PartialMessage>();
  private readonly ready = new Map<number, HandshakeMessage>();

  constructor(private nextSeq = 0, private readonly maxAhead = 8) {}

  get expectedSeq(): number {
    return this.nextSeq;
  }

  /** Forget everything and expect message_seq `seq` next (a new handshake). */
  reset(seq: number): void {
    this.nextSeq = seq;
    this.partial.clear();
    this.ready.clear();
  }

  /**
   * Adds a fragment; returns 'old' for a fragment of an already delivered message, 'ignored' for one
   * that cannot be used, else 'buffered'. Completed messages come out of takeReady() in order.
   */
  add(fragment: HandshakeFragment, epoch = 0): 'old' | 'ignored' | 'buffered' {
    if (fragment.messageSeq < this.nextSeq) return 'old';
    if (fragment.messageSeq >= this.nextSeq + this.maxAhead) return 'ignored';
    if (fragment.length > MAX_HANDSHAKE_MESSAGE) return 'ignored';
    if (this.ready.has(fragment.messageSeq)) return 'buffered';
    let part = this.partial.get(fragment.messageSeq);
    if (!part) {
      part = new PartialMessage(fragment.type, fragment.length, epoch);
      this.partial.set(fragment.messageSeq, part);
    }
    if (part.type !== fragment.type || part.body.length !== fragment.length || part.epoch !== epoch) return 'ignored';
    if (part.add(fragment)) {
      this.partial.delete(fragment.messageSeq);
      this.ready.set(fragment.messageSeq, { type: part.type, messageSeq: fragment.messageSeq, body: part.body, epoch: part.epoch });
    }
    return 'buffered';
  }

  /** Complete messages that are next in sequence, in order. */
  takeReady(): HandshakeMessage[] {
    const out: HandshakeMessage[] = [];
    for (let message = this.ready.get(this.nextSeq); message; message = this.ready.get(this.nextSeq)) {
      this.ready.delete(this.nextSeq);
      out.push(message);
      this.nextSeq++;
    }
    return out;
  }
}
