import { DtlsDecodeError } from './errors.ts';

/** A bounds-checked cursor over a message body; every overrun is a DtlsDecodeError naming the structure. */
export class Reader {
  private offset = 0;

  constructor(private readonly bytes: Buffer, private readonly what: string) {}

  private need(n: number): void {
    if (this.offset + n > this.bytes.length) throw new DtlsDecodeError(this.what, { offset: this.offset, need: n, length: this.bytes.length });
  }

  u8(): number {
    this.need(1);
    return this.bytes.readUInt8(this.offset++);
  }

  u16(): number {
    this.need(2);
    const v = this.bytes.readUInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  take(n: number): Buffer {
    this.need(n);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** A vector with a 1- or 2-byte length prefix. */
  vector(lengthBytes: 1 | 2): Buffer {
    return this.take(lengthBytes === 1 ? this.u8() : this.u16());
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }
}

/** A length-prefixed vector. */
export function vector(data: Buffer, lengthBytes: 1 | 2): Buffer {
  const prefix = Buffer.alloc(lengthBytes);
  if (lengthBytes === 1) prefix.writeUInt8(data.length);
  else prefix.writeUInt16BE(data.length);
  return Buffer.concat([prefix, data]);
}

export function u16(value: number): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(value);
  return out;
}
