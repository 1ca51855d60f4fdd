import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePath } from '../path.ts';
import { ContentFormat } from '../values.ts';
import { builtinRegistry } from '../model/registry.ts';
import { ContentDecodeError, ContentEncodeError, decodeContent, encodeContent } from './index.ts';
import { hex } from './spec-examples.ts';

const TLV = ContentFormat.TLV;
const registry = builtinRegistry();
const at = (p: string) => ({ path: parsePath(p), registry });

function decodeError(bytes: string, path: string, offset: number, pattern: RegExp): void {
  assert.throws(() => decodeContent(TLV, hex(bytes), at(path)), (err: unknown) => {
    assert.ok(err instanceof ContentDecodeError, `ContentDecodeError for ${bytes}`);
    assert.equal(err.offset, offset, `offset for ${bytes}: ${err.message}`);
    assert.match(err.message, pattern);
    return true;
  });
}

test('integers take the shortest signed width', () => {
  const cases: Array<[number, string]> = [
    [0, 'c10900'], [127, 'c1097f'], [-128, 'c10980'], [128, 'c2090080'], [-129, 'c209ff7f'],
    [32767, 'c2097fff'], [32768, 'c40900008000'], [-2147483648, 'c40980000000'],
    [2147483648, 'c8090800000000800000 00'.replace(/ /g, '')], [-1, 'c109ff'],
  ];
  for (const [v, expected] of cases) {
    const bytes = encodeContent(TLV, [{ path: parsePath('/3/0/9'), value: v }], at('/3/0/9'));
    assert.equal(bytes.toString('hex'), expected, `encode ${v}`);
    assert.deepEqual(decodeContent(TLV, bytes, at('/3/0/9')), [{ path: parsePath('/3/0/9'), value: v }]);
  }
});

test('floats: 4 bytes when exact in single precision, else 8', () => {
  const four = encodeContent(TLV, [{ path: parsePath('/6/0/0'), value: 1.5 }], at('/6/0/0'));
  assert.equal(four.toString('hex'), 'c4003fc00000');
  const eight = encodeContent(TLV, [{ path: parsePath('/6/0/0'), value: 22.4 }], at('/6/0/0'));
  assert.equal(eight.length, 2 + 1 + 8);
  assert.deepEqual(decodeContent(TLV, eight, at('/6/0/0')), [{ path: parsePath('/6/0/0'), value: 22.4 }]);
});

test('length fields use the smallest width and identifiers over 255 take 16 bits', () => {
  const sizes: Array<[number, string]> = [[7, 'c7'], [8, 'c8'], [255, 'c8'], [256, 'd0'], [65535, 'd0'], [65536, 'd8']];
  for (const [n, typeByte] of sizes) {
    const bytes = encodeContent(TLV, [{ path: parsePath('/0/0/3'), value: Buffer.alloc(n, 0xab) }], at('/0/0/3'));
    assert.equal(bytes.subarray(0, 1).toString('hex'), typeByte, `length ${n}`);
    const [entry] = decodeContent(TLV, bytes, at('/0/0/3'));
    assert.equal((entry?.value as Buffer).length, n);
  }
  const wide = encodeContent(TLV, [{ path: parsePath('/3303/0/5700'), value: 21.5 }], at('/3303/0/5700'));
  assert.equal(wide.subarray(0, 3).toString('hex'), 'e41644');
  assert.throws(() => encodeContent(TLV, [{ path: parsePath('/0/0/3'), value: Buffer.alloc(0x1000000) }], at('/0/0/3')), ContentEncodeError);
});

test('unknown resources decode as Opaque; a non-minimal length field is accepted', () => {
  assert.deepEqual(decodeContent(TLV, hex('C2 63 01 02'), at('/3/0')), [{ path: parsePath('/3/0/99'), value: Buffer.from([1, 2]) }]);
  assert.deepEqual(decodeContent(TLV, hex('C8 09 01 64'), at('/3/0')), [{ path: parsePath('/3/0/9'), value: 100 }]);
});

test('malformed TLV gives ContentDecodeError with the byte offset', () => {
  decodeError('C8', '/3/0', 1, /identifier truncated/);
  decodeError('E8 00', '/3/0', 1, /identifier truncated/);
  decodeError('C8 00', '/3/0', 2, /length field truncated/);
  decodeError('D0 00 01', '/3/0', 2, /length field truncated/);
  decodeError('C8 00 05 41 42', '/3/0', 3, /runs past the end/);
  decodeError('C3 09 00 00 01', '/3/0', 2, /integer of 3 byte/);
  decodeError('C2 0D 00', '/3/0', 2, /runs past/);
  decodeError('08 00 03 C1 09 64 C1 0A 0F', '/3/0', 0, /objectInstance record cannot stand at object instance level/);
  decodeError('C1 09 64 41 0A 0F', '/3/0', 3, /resourceInstance record cannot stand/);
  decodeError('83 06 C1 00 01', '/3/0', 2, /inside multiple resource/);
  decodeError('88 06 03 42 00 01 C1 09 64', '/3/0', 5, /runs past the end of its container/);
  decodeError('C1 03 FF', '/3/0', 2, /UTF-8/);
  decodeError('C2 00 00 00', '/3/0/9', 0, /expected one record/);
  decodeError('C1 0A 01', '/3/0/9', 0, /expected one record/);
  decodeError('C1 06 02', '/1/0', 2, /boolean byte 2/);
  decodeError('C3 00 01 02 03', '/6/0', 2, /float of 3/);
  decodeError('C1 09 64', '/3', 0, /object level/);
  decodeError('41 01 05', '/3/0/6/0', 0, /does not match/);
  decodeError('C8 0D 08 7F FF FF FF FF FF FF FF', '/3/0', 3, /safe range/);
});

test('object-level bare resources need defaultInstanceId (Create with a client-chosen id)', () => {
  const payload = hex('C1 00 01 C1 01 00');
  assert.deepEqual(decodeContent(TLV, payload, { path: parsePath('/2'), registry, defaultInstanceId: 4 }), [
    { path: parsePath('/2/4/0'), value: 1 },
    { path: parsePath('/2/4/1'), value: 0 },
  ]);
});

test('encode refuses values that do not fit', () => {
  const bad: Array<[string, unknown]> = [['/3/0/9', 'x'], ['/3/0/9', 1.5], ['/3/0/0', 5], ['/1/0/6', 1], ['/0/0/3', 'key'], ['/3/0/22/0', 'x']];
  for (const [p, value] of bad) {
    assert.throws(() => encodeContent(TLV, [{ path: parsePath(p), value: value as string }], at(p)), ContentEncodeError, `${p} ${String(value)}`);
  }
  assert.throws(() => encodeContent(TLV, [{ path: parsePath('/3/0/0'), value: 'a' }], at('/4/0')), /outside the request path/);
  assert.throws(() => encodeContent(TLV, [{ path: parsePath('/3/0'), value: 'a' }], at('/3/0')), /not a resource path/);
  assert.throws(() => encodeContent(TLV, [{ path: parsePath('/3/0/6/0'), value: 1 }, { path: parsePath('/3/0/6/0'), value: 2 }], at('/3/0/6')), /given twice/);
  assert.throws(() => encodeContent(TLV, [{ path: parsePath('/3/0/4'), value: 1 }], at('/3/0/4')), /executable/);
});
