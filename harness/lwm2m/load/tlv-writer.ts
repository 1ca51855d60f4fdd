/**
 * A tiny, independent TLV writer (resource-with-value entries only) so that load and robustness tests build
 * client payloads without the codec under test. Ids up to 65535, values of any length.
 */
export type TlvValue = string | number | boolean | Buffer;

const RESOURCE_WITH_VALUE = 0b11 << 6;

function integerBytes(value: number): Buffer {
  if (value >= -128 && value <= 127) return Buffer.from([value & 0xff]);
  if (value >= -32768 && value <= 32767) {
    const b = Buffer.alloc(2);
    b.writeInt16BE(value);
    return b;
  }
  if (value >= -2147483648 && value <= 2147483647) {
    const b = Buffer.alloc(4);
    b.writeInt32BE(value);
    return b;
  }
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(value));
  return b;
}

function valueBytes(value: TlvValue): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (typeof value === 'boolean') return Buffer.from([value ? 1 : 0]);
  if (Number.isInteger(value)) return integerBytes(value);
  const b = Buffer.alloc(8);
  b.writeDoubleBE(value);
  return b;
}

/** One "Resource with Value" TLV entry. */
export function tlvResource(id: number, value: TlvValue): Buffer {
  const body = valueBytes(value);
  let type = RESOURCE_WITH_VALUE;
  const idBytes = id > 0xff ? Buffer.from([id >> 8, id & 0xff]) : Buffer.from([id]);
  if (id > 0xff) type |= 0b1 << 5;
  let lengthBytes: Buffer;
  if (body.length < 8) {
    type |= body.length;
    lengthBytes = Buffer.alloc(0);
  } else if (body.length <= 0xff) {
    type |= 0b01 << 3;
    lengthBytes = Buffer.from([body.length]);
  } else if (body.length <= 0xffff) {
    type |= 0b10 << 3;
    lengthBytes = Buffer.from([body.length >> 8, body.length & 0xff]);
  } else {
    type |= 0b11 << 3;
    lengthBytes = Buffer.from([body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff]);
  }
  return Buffer.concat([Buffer.from([type]), idBytes, lengthBytes, body]);
}

/** Resources of one instance, as an instance-level Read answers them (no instance wrapper). */
export function tlvResources(resources: ReadonlyArray<readonly [number, TlvValue]>): Buffer {
  return Buffer.concat(resources.map(([id, value]) => tlvResource(id, value)));
}
