import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { encodeWhole, fragmentMessage, HandshakeReassembler, parseFragments } from './handshake-fragments.ts';
import { DtlsDecodeError } from './errors.ts';

test('a message split into fragments reassembles in any order, with overlaps and duplicates', () => {
  const message = { type: 2, messageSeq: 1, body: randomBytes(1000) };
  const fragments = fragmentMessage(message, 128).flatMap((f) => parseFragments(f));
  assert.equal(fragments.length, 8);
  const reassembler = new HandshakeReassembler(1);
  const shuffled = [fragments[7], fragments[0], fragments[3], fragments[3], fragments[1], fragments[2], fragments[6], fragments[5]];
  for (const f of shuffled) assert.equal(reassembler.add(f!), 'buffered');
  assert.deepEqual(reassembler.takeReady(), [], 'fragment 4 is still missing');
  reassembler.add(fragments[4]!);
  const [whole, ...rest] = reassembler.takeReady();
  assert.equal(rest.length, 0);
  assert.deepEqual(whole?.body, message.body);
  assert.equal(whole?.messageSeq, 1);
  assert.equal(reassembler.add(fragments[0]!), 'old', 'a fragment of a delivered message is a retransmission');
});

test('messages come out in message_seq order; far-ahead and inconsistent fragments are ignored', () => {
  const reassembler = new HandshakeReassembler(0, 4);
  const second = parseFragments(encodeWhole({ type: 14, messageSeq: 1, body: Buffer.alloc(0) }));
  const first = parseFragments(encodeWhole({ type: 2, messageSeq: 0, body: Buffer.from('hi') }));
  reassembler.add(second[0]!);
  assert.deepEqual(reassembler.takeReady(), []);
  reassembler.add(first[0]!);
  assert.deepEqual(reassembler.takeReady().map((m) => m.type), [2, 14]);
  const ahead = parseFragments(encodeWhole({ type: 2, messageSeq: 50, body: Buffer.from('x') }));
  assert.equal(reassembler.add(ahead[0]!), 'ignored');
  const [a] = parseFragments(fragmentMessage({ type: 16, messageSeq: 2, body: Buffer.alloc(10) }, 5)[0]!);
  reassembler.add(a!);
  assert.equal(reassembler.add({ ...a!, type: 20 }), 'ignored', 'same seq, another type');
});

test('several handshake messages in one record are all parsed; truncation is a decode error', () => {
  const record = Buffer.concat([
    encodeWhole({ type: 2, messageSeq: 1, body: Buffer.from('a') }),
    encodeWhole({ type: 14, messageSeq: 2, body: Buffer.alloc(0) }),
  ]);
  assert.deepEqual(parseFragments(record).map((f) => f.messageSeq), [1, 2]);
  assert.throws(() => parseFragments(record.subarray(0, record.length - 3)), DtlsDecodeError);
});
