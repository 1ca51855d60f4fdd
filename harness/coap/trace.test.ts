import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CoapMessage } from './api.ts';
import { encode } from './codec.ts';
import { encodeBlock, encodeUint, OptionNumber } from './options.ts';
import { Trace, type TraceEntry } from './trace.ts';

const SERVER = { address: '127.0.0.1', port: 5683 };
const DEVICE = { address: '::1', port: 40000 };
const T0 = 1_700_000_000_000;

const register: CoapMessage = {
  type: 'CON', code: '0.02', messageId: 1234, token: Buffer.from('ab12', 'hex'),
  options: [
    { number: OptionNumber.UriPath, value: Buffer.from('rd') },
    { number: OptionNumber.UriQuery, value: Buffer.from('ep=x') },
  ],
  payload: Buffer.from('</1/0>'),
};

function sample(): Trace {
  const trace = new Trace({ startTime: T0 });
  trace.add({ time: T0 + 12_345, direction: 'in', local: SERVER, remote: DEVICE, bytes: encode(register), message: register, operation: 'Register' });
  const notify: CoapMessage = {
    type: 'NON', code: '2.05', messageId: 9, token: Buffer.from('01', 'hex'),
    options: [{ number: OptionNumber.Observe, value: encodeUint(7) }, { number: OptionNumber.Block2, value: encodeBlock({ num: 1, more: true, size: 64 }) }],
    payload: Buffer.from('SECRET-KEY'),
  };
  trace.add({ time: T0 + 20_000, direction: 'in', local: SERVER, remote: { address: '127.0.0.1', port: 1 }, bytes: encode(notify), message: notify });
  trace.add({ time: T0 + 30_000, direction: 'out', local: SERVER, remote: DEVICE, bytes: Buffer.from('0102', 'hex'), error: 'bad' });
  return trace;
}

test('one-line rendering shows time, direction, peer, type, code, ids, path and operation', () => {
  const trace = sample();
  const [first, second, third] = trace.entries();
  assert.equal(trace.render(first!), '12.345 <- [::1]:40000 CON 0.02 mid=1234 tok=ab12 /rd?ep=x 6B [Register]');
  assert.equal(trace.render(second!), '20.000 <- 127.0.0.1:1 NON 2.05 mid=9 tok=01 obs=7 b2=1+/64 10B');
  assert.equal(trace.render(third!), '30.000 -> [::1]:40000 2B !! bad');
});

test('filters by peer, direction, time window and operation; tag keeps the first operation', () => {
  const trace = sample();
  assert.equal(trace.entries({ peer: DEVICE }).length, 2);
  assert.equal(trace.entries({ direction: 'out' }).length, 1);
  assert.deepEqual(trace.entries({ from: T0 + 15_000, to: T0 + 25_000 }).map((e) => e.id), [2]);
  trace.tag([1, 2], 'Observe /3/0');
  assert.deepEqual(trace.entries({ operation: 'Register' }).map((e) => e.id), [1]);
  assert.deepEqual(trace.entries({ operation: 'Observe /3/0' }).map((e) => e.id), [2]);
  trace.annotate(2, 'one');
  trace.annotate(2, 'two');
  assert.equal(trace.get(2)?.note, 'one; two');
});

test('listeners see each entry; a throwing listener does not break recording', () => {
  const trace = new Trace();
  const seen: TraceEntry[] = [];
  trace.onEntry(() => {
    throw new Error('listener bug');
  });
  const off = trace.onEntry((e) => seen.push(e));
  trace.add({ time: 5, direction: 'out', local: SERVER, remote: DEVICE, bytes: Buffer.alloc(1) });
  off();
  trace.add({ time: 6, direction: 'out', local: SERVER, remote: DEVICE, bytes: Buffer.alloc(1) });
  assert.equal(seen.length, 1);
  assert.equal(trace.size, 2);
  assert.equal(trace.startTime, 5);
});

test('toJSON is plain data with hex bytes, and registered secrets never appear', () => {
  const trace = sample();
  trace.addSecret('SECRET-KEY');
  trace.annotate(1, 'key SECRET-KEY used');
  const json = JSON.parse(JSON.stringify(trace)) as ReturnType<Trace['toJSON']>;
  assert.equal(json.startTime, T0);
  assert.equal(json.entries.length, 3);
  assert.equal(json.entries[0]?.message?.options[0]?.name, 'UriPath');
  assert.equal(json.entries[0]?.bytes, encode(register).toString('hex'));
  const text = JSON.stringify(json) + trace.renderAll();
  assert.ok(!text.includes('SECRET-KEY'));
  assert.ok(!text.includes(Buffer.from('SECRET-KEY').toString('hex')));
  assert.match(json.entries[0]?.note ?? '', /key <redacted> used/);
  assert.equal(json.entries[1]?.message?.payload, '<redacted>');
  assert.ok(trace.redactedBytes(trace.get(2)!).every((b, i, all) => i < all.length - 10 || b === 0));
});
