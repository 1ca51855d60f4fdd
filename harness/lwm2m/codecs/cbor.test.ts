import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../random.ts';
import { CborError, CborFloat, CborSimple, CborTag, decodeCbor, encodeCbor, type CborValue } from './cbor.ts';

// Test vectors of RFC 8949 Appendix A.
const BOTH: Array<[CborValue, string]> = [
  [0, '00'], [1, '01'], [10, '0a'], [23, '17'], [24, '1818'], [25, '1819'], [100, '1864'], [1000, '1903e8'],
  [1000000, '1a000f4240'], [1000000000000, '1b000000e8d4a51000'], [18446744073709551615n, '1bffffffffffffffff'],
  [-18446744073709551616n, '3bffffffffffffffff'], [-1, '20'], [-10, '29'], [-100, '3863'], [-1000, '3903e7'],
  [1.1, 'fb3ff199999999999a'], [3.4028234663852886e38, 'fa7f7fffff'], [1.0e300, 'fb7e37e43c8800759c'], [-4.1, 'fbc010666666666666'],
  [Infinity, 'f97c00'], [NaN, 'f97e00'], [-Infinity, 'f9fc00'], [-0, 'f98000'],
  [false, 'f4'], [true, 'f5'], [null, 'f6'], [undefined, 'f7'],
  [Buffer.alloc(0), '40'], [Buffer.from([1, 2, 3, 4]), '4401020304'],
  ['', '60'], ['a', '6161'], ['IETF', '6449455446'], ['"\\', '62225c'], ['\u00fc', '62c3bc'], ['\u6c34', '63e6b0b4'],
  [[], '80'], [[1, 2, 3], '83010203'], [[1, [2, 3], [4, 5]], '8301820203820405'],
  [Array.from({ length: 25 }, (_, i) => i + 1), '98190102030405060708090a0b0c0d0e0f101112131415161718181819'],
  [new Map(), 'a0'], [new Map([[1, 2], [3, 4]]), 'a201020304'], [new Map<CborValue, CborValue>([['a', 1], ['b', [2, 3]]]), 'a26161016162820203'],
  [['a', new Map([['b', 'c']])], '826161a161626163'],
];

// Forms our encoder does not choose (half floats, indefinite lengths) but must read.
const DECODE_ONLY: Array<[string, CborValue]> = [
  ['f90000', 0], ['f93c00', 1], ['f93e00', 1.5], ['f97bff', 65504], ['fa47c35000', 100000], ['f90001', 5.960464477539063e-8],
  ['f90400', 0.00006103515625], ['f9c400', -4], ['fa7f800000', Infinity], ['fb7ff8000000000000', NaN],
  ['5f42010243030405ff', Buffer.from([1, 2, 3, 4, 5])], ['7f657374726561646d696e67ff', 'streaming'], ['9fff', []],
  ['9f018202039f0405ffff', [1, [2, 3], [4, 5]]], ['9f01820203820405ff', [1, [2, 3], [4, 5]]], ['83018202039f0405ff', [1, [2, 3], [4, 5]]],
  ['bf61610161629f0203ffff', new Map<CborValue, CborValue>([['a', 1], ['b', [2, 3]]])],
  ['826161bf61626163ff', ['a', new Map([['b', 'c']])]], ['bf6346756ef563416d7421ff', new Map<CborValue, CborValue>([['Fun', true], ['Amt', -2]])],
  ['f0', new CborSimple(16)], ['f8ff', new CborSimple(255)],
];

test('RFC 8949 Appendix A vectors encode and decode', () => {
  for (const [value, expected] of BOTH) {
    assert.equal(encodeCbor(value).toString('hex'), expected, `encode ${String(value)}`);
    const back = decodeCbor(Buffer.from(expected, 'hex'));
    if (typeof value === 'number' && Number.isNaN(value)) assert.ok(Number.isNaN(back as number));
    else assert.deepEqual(back, value, `decode ${expected}`);
  }
  for (const [bytes, expected] of DECODE_ONLY) {
    const got = decodeCbor(Buffer.from(bytes, 'hex'));
    if (typeof expected === 'number' && Number.isNaN(expected)) assert.ok(Number.isNaN(got as number));
    else assert.deepEqual(got, expected, `decode ${bytes}`);
  }
});

test('tags, simple values and float hints', () => {
  const tagged = decodeCbor(Buffer.from('c074323031332d30332d32315432303a30343a30305a', 'hex'));
  assert.ok(tagged instanceof CborTag);
  assert.equal(tagged.tag, 0);
  assert.equal(tagged.value, '2013-03-21T20:04:00Z');
  assert.equal(encodeCbor(new CborTag(1, 1363896240)).toString('hex'), 'c11a514b67b0');
  assert.equal(encodeCbor(new CborSimple(16)).toString('hex'), 'f0');
  assert.equal(encodeCbor(new CborSimple(255)).toString('hex'), 'f8ff');
  assert.equal(encodeCbor(new CborFloat(22)).toString('hex'), 'fa41b00000');
  assert.equal(encodeCbor(1.5).toString('hex'), 'fa3fc00000', 'single precision when exact (no half on encode)');
  assert.equal(encodeCbor(2 ** 60).toString('hex'), 'fa5d800000', 'integers past 2^53 are written as floats');
});

function rejects(hexText: string, offset: number, pattern: RegExp): void {
  assert.throws(() => decodeCbor(Buffer.from(hexText, 'hex')), (err: unknown) => {
    assert.ok(err instanceof CborError, `CborError for ${hexText}: ${String(err)}`);
    assert.equal(err.offset, offset, `offset for ${hexText}: ${err.message}`);
    assert.match(err.message, pattern);
    return true;
  });
}

test('malformed CBOR gives CborError with the offset', () => {
  rejects('', 0, /empty/);
  rejects('ff', 0, /break/);
  rejects('1c', 0, /reserved/);
  rejects('fc', 0, /reserved/);
  rejects('18', 1, /truncated/);
  rejects('1a0000', 1, /truncated/);
  rejects('1f', 0, /indefinite length on an integer/);
  rejects('62c3', 0, /exceeds/);
  rejects('62fffe', 0, /UTF-8/);
  rejects('0000', 1, /after the item/);
  rejects('f810', 0, /two-byte form/);
  rejects('5f01ff', 1, /bad chunk/);
  rejects('5f5f4101ffff', 1, /bad chunk/);
  rejects('9f01', 2, /truncated/);
  rejects('a2010201 03'.replace(/ /g, ''), 3, /duplicate map key/);
  rejects('9bffffffffffffffff', 0, /exceeds/);
  rejects('8201ff', 2, /break code inside/);
  rejects('df01', 0, /indefinite length on a tag/);
  rejects('81'.repeat(80) + '00', 65, /nesting/);
});

test('random bytes never raise anything but CborError', () => {
  const rnd = new Random(8949);
  const seeds = BOTH.map(([v]) => encodeCbor(v));
  for (let n = 0; n < 5000; n++) {
    let bytes: Buffer;
    if (n % 2 === 0) bytes = rnd.bytes(rnd.int(0, 24));
    else {
      bytes = Buffer.from(seeds[rnd.int(0, seeds.length - 1)] as Buffer);
      for (let k = rnd.int(1, 3); k > 0 && bytes.length > 0; k--) bytes[rnd.int(0, bytes.length - 1)] = rnd.int(0, 255);
    }
    try {
      decodeCbor(bytes);
    } catch (err) {
      assert.ok(err instanceof CborError, `unexpected ${String(err)} for ${bytes.toString('hex')}`);
    }
  }
});
