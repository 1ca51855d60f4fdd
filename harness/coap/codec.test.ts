import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CoapMessage } from './api.ts';
import { CoapDecodeError, CoapEncodeError, decode, encode } from './codec.ts';
import { decodeBlock, encodeBlock, encodeUint, findBadCriticalOption, OptionNumber, uriPath, uriQuery } from './options.ts';

const sample: CoapMessage = {
  type: 'CON',
  code: '0.02',
  messageId: 0x1234,
  token: Buffer.from('ab12cd34', 'hex'),
  options: [
    { number: OptionNumber.UriQuery, value: Buffer.from('ep=dev1') },
    { number: OptionNumber.UriPath, value: Buffer.from('rd') },
    { number: OptionNumber.ContentFormat, value: encodeUint(40) },
    { number: OptionNumber.UriQuery, value: Buffer.from('lt=300') },
    { number: 2000, value: Buffer.from('x'.repeat(300)) },
  ],
  payload: Buffer.from('</1/0>,</3/0>'),
};

test('encode then decode gives the same message, options sorted and repeats kept in order', () => {
  const bytes = encode(sample);
  const back = decode(bytes);
  assert.equal(back.type, 'CON');
  assert.equal(back.code, '0.02');
  assert.equal(back.messageId, 0x1234);
  assert.deepEqual(back.token, sample.token);
  assert.deepEqual(uriPath(back), ['rd']);
  assert.deepEqual(uriQuery(back), ['ep=dev1', 'lt=300']);
  assert.deepEqual(back.options.map((o) => o.number), [11, 12, 15, 15, 2000]);
  assert.equal(back.options[4]?.value.length, 300);
  assert.deepEqual(back.payload, sample.payload);
});

test('known bytes: an empty ACK and a piggybacked 2.05', () => {
  const ack = encode({ type: 'ACK', code: '0.00', messageId: 7, token: Buffer.alloc(0), options: [], payload: Buffer.alloc(0) });
  assert.deepEqual(ack, Buffer.from('60000007', 'hex'));
  const content = decode(Buffer.from('6245000701027122ff6869', 'hex'));
  assert.equal(content.type, 'ACK');
  assert.equal(content.code, '2.05');
  assert.deepEqual(content.token, Buffer.from('0102', 'hex'));
  assert.deepEqual(content.options, [{ number: 7, value: Buffer.from('22', 'hex') }]);
  assert.equal(content.payload.toString(), 'hi');
  for (const type of ['CON', 'NON', 'ACK', 'RST'] as const) {
    const code = type === 'RST' ? '0.00' : '2.05';
    assert.equal(decode(encode({ type, code, messageId: 1, token: Buffer.alloc(0), options: [], payload: Buffer.alloc(0) })).type, type);
  }
});

function reasonOf(hex: string): string {
  try {
    decode(Buffer.from(hex, 'hex'));
  } catch (error) {
    assert.ok(error instanceof CoapDecodeError, `expected CoapDecodeError, got ${String(error)}`);
    return error.reason;
  }
  return 'decoded';
}

test('malformed datagrams become CoapDecodeError with the reason', () => {
  assert.equal(reasonOf('4001'), 'truncated header');
  assert.equal(reasonOf('80010001'), 'unsupported version');
  assert.equal(reasonOf('49010001' + '00'.repeat(9)), 'bad token length');
  assert.equal(reasonOf('44010001aabb'), 'truncated token');
  assert.equal(reasonOf('40210001'), 'reserved code class');
  assert.equal(reasonOf('40c10001'), 'reserved code class');
  assert.equal(reasonOf('40e10001'), 'reserved code class');
  assert.equal(reasonOf('41000001aa'), 'bad empty message');
  assert.equal(reasonOf('50000001'), 'bad type for code');
  assert.equal(reasonOf('70450001'), 'bad type for code');
  assert.equal(reasonOf('60010001'), 'bad type for code');
  assert.equal(reasonOf('40010001f0'), 'bad option delta');
  assert.equal(reasonOf('400100010f'), 'bad option length');
  assert.equal(reasonOf('40010001b3727'), 'truncated option');
  assert.equal(reasonOf('40010001b272'), 'truncated option');
  assert.equal(reasonOf('40010001d0'), 'truncated option');
  assert.equal(reasonOf('40010001ff'), 'payload marker with no payload');
  assert.equal(reasonOf('40010001b27264ff'), 'payload marker with no payload');
  assert.equal(reasonOf('40010001b27264'), 'decoded');
});

test('a decode error keeps the readable header so a receiver can RST', () => {
  try {
    decode(Buffer.from('40010abcf0', 'hex'));
    assert.fail('should throw');
  } catch (error) {
    assert.ok(error instanceof CoapDecodeError);
    assert.deepEqual(error.header, { type: 'CON', code: '0.01', messageId: 0x0abc });
    assert.equal(error.origin, 'device');
  }
});

test('encode refuses what it cannot put on the wire', () => {
  const bad = (m: Partial<CoapMessage>) => () => encode({ ...sample, ...m });
  assert.throws(bad({ token: Buffer.alloc(9) }), CoapEncodeError);
  assert.throws(bad({ messageId: 70000 }), CoapEncodeError);
  assert.throws(bad({ code: '2.5' }), CoapEncodeError);
  assert.throws(bad({ code: '0.00' }), CoapEncodeError);
});

test('block option values round-trip and SZX 7 is refused', () => {
  for (const block of [{ num: 0, more: true, size: 16 }, { num: 5, more: false, size: 1024 }, { num: 70000, more: true, size: 64 }]) {
    assert.deepEqual(decodeBlock(encodeBlock(block)), block);
  }
  assert.deepEqual(encodeBlock({ num: 0, more: false, size: 16 }), Buffer.alloc(0));
  assert.throws(() => decodeBlock(Buffer.from([0x0f])), /reserved SZX 7/);
  assert.throws(() => encodeBlock({ num: 0, more: false, size: 100 }), RangeError);
});

test('unknown or badly sized critical options are found, elective ones ignored', () => {
  const withOpts = (options: CoapMessage['options']): CoapMessage => ({ ...sample, options });
  assert.equal(findBadCriticalOption(sample), undefined);
  assert.equal(findBadCriticalOption(withOpts([{ number: 2001, value: Buffer.alloc(1) }]))?.number, 2001);
  assert.equal(findBadCriticalOption(withOpts([{ number: 2002, value: Buffer.alloc(1) }])), undefined);
  assert.equal(findBadCriticalOption(withOpts([{ number: OptionNumber.Accept, value: Buffer.alloc(3) }]))?.number, 17);
  assert.equal(findBadCriticalOption(withOpts([{ number: OptionNumber.ProxyUri, value: Buffer.from('coap://x') }]))?.number, 35);
});
