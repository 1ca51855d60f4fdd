import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePath } from '../path.ts';
import { ContentFormat } from '../values.ts';
import { builtinRegistry } from '../model/registry.ts';
import { ContentDecodeError, ContentEncodeError, UnsupportedContentFormatError, decodeContent, encodeContent } from './index.ts';

const registry = builtinRegistry();
const at = (p: string) => ({ path: parsePath(p), registry });
const TEXT = ContentFormat.TEXT;

test('text/plain values by model type', () => {
  const cases: Array<[string, string, unknown]> = [
    ['/3/0/0', 'Open Mobile Alliance', 'Open Mobile Alliance'],
    ['/3/0/9', '95', 95],
    ['/3/0/9', '-3', -3],
    ['/6/0/0', '-43.5', -43.5],
    ['/1/0/6', '1', true],
    ['/1/0/6', '0', false],
    ['/3/0/13', '1367491215', 1367491215],
    ['/3/0/22/0', '3:0', { objectId: 3, instanceId: 0 }],
    ['/0/0/3', 'AQID', Buffer.from([1, 2, 3])],
  ];
  for (const [p, text, value] of cases) {
    const entries = decodeContent(TEXT, Buffer.from(text), at(p));
    assert.deepEqual(entries, [{ path: parsePath(p), value }], p);
    assert.equal(encodeContent(TEXT, entries, at(p)).toString(), text, `encode ${p}`);
    assert.deepEqual(decodeContent(ContentFormat.LEGACY_TEXT, Buffer.from(text), at(p)), entries, 'legacy 1541');
  }
  // Unknown resources read as strings.
  assert.deepEqual(decodeContent(TEXT, Buffer.from('x'), at('/3/0/99')), [{ path: parsePath('/3/0/99'), value: 'x' }]);
});

test('text/plain rejects malformed values and non-resource paths', () => {
  const bad: Array<[string, string]> = [
    ['/3/0/9', '9.5'], ['/3/0/9', ''], ['/3/0/9', '12a'], ['/6/0/0', 'NaN'], ['/1/0/6', 'true'], ['/1/0/6', '2'],
    ['/3/0/22/0', '3-0'], ['/3/0/22/0', '70000:0'], ['/0/0/3', 'A'], ['/0/0/3', '!!!!'], ['/3/0/4', ''], ['/3/0', '1'],
    ['/3/0/9', '99999999999999999999'],
  ];
  for (const [p, text] of bad) {
    assert.throws(() => decodeContent(TEXT, Buffer.from(text), at(p)), ContentDecodeError, `${p} '${text}'`);
  }
  assert.throws(() => decodeContent(TEXT, Buffer.from([0xff, 0xfe]), at('/3/0/0')), ContentDecodeError);
  assert.throws(() => encodeContent(TEXT, [], at('/3/0/0')), ContentEncodeError);
  assert.throws(() => encodeContent(TEXT, [{ path: parsePath('/3/0/9'), value: 1.5 }], at('/3/0/9')), ContentEncodeError);
});

test('opaque carries raw bytes of Opaque resources only', () => {
  const bytes = Buffer.from([0, 1, 2, 0xff]);
  const entries = decodeContent(ContentFormat.OPAQUE, bytes, at('/5/0/0'));
  assert.deepEqual(entries, [{ path: parsePath('/5/0/0'), value: bytes }]);
  const original = Buffer.from(bytes);
  bytes[0] = 9;
  assert.deepEqual(entries[0]?.value, original, 'decoded bytes are a copy, not a view of the payload');
  bytes[0] = 0;
  assert.deepEqual(encodeContent(ContentFormat.OPAQUE, entries, at('/5/0/0')), bytes);
  assert.throws(() => decodeContent(ContentFormat.OPAQUE, bytes, at('/3/0/0')), ContentDecodeError);
  assert.throws(() => encodeContent(ContentFormat.OPAQUE, [{ path: parsePath('/3/0/0'), value: 'x' }], at('/3/0/0')), ContentEncodeError);
});

test('unknown content formats and link format raise UnsupportedContentFormatError', () => {
  for (const f of [40, 50, 1544, 65000]) {
    assert.throws(() => decodeContent(f, Buffer.alloc(0), at('/3/0')), (err: unknown) => err instanceof UnsupportedContentFormatError && err.format === f);
    assert.throws(() => encodeContent(f, [], at('/3/0')), UnsupportedContentFormatError);
  }
});
