import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock, VIRTUAL_EPOCH } from '../../clock/virtual-clock.ts';
import { Random } from '../../random.ts';
import { SendError, TransportClosedError } from '../errors.ts';
import type { Endpoint } from '../transport.ts';
import { SmsAttachError, SmsTooLargeError } from './errors.ts';
import { splitIntoSms } from './segments.ts';
import { SmsCenter, type SmsCenterOptions } from './sms-center.ts';
import type { SmsEvent, SmsSegmentEvent } from './sms-events.ts';

const PHONE = '+15550100';
const SERVER = '+15550199';

function setup(options: Partial<SmsCenterOptions> = {}, seed = 1): { clock: VirtualClock; center: SmsCenter; events: SmsEvent[] } {
  const clock = new VirtualClock({ installGlobally: false });
  const center = new SmsCenter({ clock, random: new Random(seed), ...options });
  const events: SmsEvent[] = [];
  center.onEvent((e) => events.push(e));
  return { clock, center, events };
}

const bytes = (n: number, salt = 0): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + salt) & 0xff));
const segments = (events: SmsEvent[], fate: SmsSegmentEvent['fate']): SmsSegmentEvent[] =>
  events.filter((e): e is SmsSegmentEvent => e.kind === 'segment' && e.fate === fate);

function collect(transport: { onMessage(h: (d: Buffer, f: Endpoint) => void): () => void }): Array<{ data: Buffer; from: Endpoint }> {
  const got: Array<{ data: Buffer; from: Endpoint }> = [];
  transport.onMessage((data, from) => got.push({ data, from }));
  return got;
}

test('a datagram of at most 140 octets travels as one SMS without a header, from the sender number at port 0', async () => {
  const { clock, center, events } = setup({ latencyMs: { min: 400, max: 400 } });
  const phone = center.attach(PHONE);
  const server = center.attach(SERVER);
  assert.deepEqual(phone.local, { address: PHONE, port: 0 });
  const got = collect(server);
  await phone.send(bytes(140), { address: SERVER, port: 5683 });
  await clock.advance(400);
  assert.deepEqual(got, [{ data: bytes(140), from: { address: PHONE, port: 0 } }]);
  assert.deepEqual(events.map((e) => (e.kind === 'segment' ? [e.fate, e.octets, e.udh ?? 'no UDH', e.time - VIRTUAL_EPOCH] : [e.fate])), [
    ['sent', 140, 'no UDH', 0],
    ['delivered', 140, 'no UDH', 400],
  ]);
  assert.deepEqual(center.stats(), {
    messagesSent: 1, segmentsSent: 1, segmentsDelivered: 1, segmentsLost: 0, segmentsDuplicate: 0, segmentsMalformed: 0, messagesReassembled: 0, messagesExpired: 0,
  });
});

test('300 octets travel as 3 segments of at most 140 octets with the concatenation header and arrive whole, once', async () => {
  const { clock, center, events } = setup();
  const phone = center.attach(PHONE);
  const server = center.attach(SERVER);
  const got = collect(server);
  await phone.send(bytes(300), { address: SERVER, port: 0 });
  await clock.advance(1000);
  const sent = segments(events, 'sent');
  assert.equal(sent.length, 3);
  assert.ok(sent.every((s) => s.octets <= 140));
  const ref = sent[0]?.concat?.reference ?? -1;
  const hex = ref.toString(16).padStart(2, '0');
  assert.deepEqual(sent.map((s) => s.udh), [`050003${hex}0301`, `050003${hex}0302`, `050003${hex}0303`]);
  assert.deepEqual(got, [{ data: bytes(300), from: { address: PHONE, port: 0 } }]);
  const reassembled = events.filter((e) => e.kind === 'message');
  assert.deepEqual(reassembled.map((e) => [e.fate, e.reference, e.total, e.octets]), [['reassembled', ref, 3, 300]]);
  // The next concatenated message takes the next reference.
  await phone.send(bytes(200), { address: SERVER, port: 0 });
  assert.equal(segments(events, 'sent').at(-1)?.concat?.reference, (ref + 1) & 0xff);
});

test('segments arriving out of order are put back in order', async () => {
  const { clock, center } = setup({ latencyMs: { min: 100, max: 100 } });
  center.attach(PHONE);
  const server = center.attach(SERVER);
  const got = collect(server);
  const pdus = splitIntoSms(bytes(400, 3), 77) ?? [];
  assert.equal(pdus.length, 3);
  for (const i of [2, 0, 1]) center.submit(PHONE, SERVER, pdus[i]!);
  await clock.advance(100);
  assert.deepEqual(got.map((g) => g.data), [bytes(400, 3)]);
});

test('with seeded jitter, segments of one message overtake each other and still arrive whole, the same way for the same seed', async () => {
  const run = async (seed: number): Promise<{ order: string[]; whole: number }> => {
    const { clock, center, events } = setup({}, seed);
    const phone = center.attach(PHONE);
    const server = center.attach(SERVER);
    const got = collect(server);
    for (let i = 0; i < 10; i++) await phone.send(bytes(400, i), { address: SERVER, port: 0 });
    await clock.advance(2000);
    const expected = Array.from({ length: 10 }, (_, i) => bytes(400, i).toString('hex'));
    const whole = got.filter((g) => expected.includes(g.data.toString('hex'))).length;
    return { order: segments(events, 'delivered').map((s) => `${s.concat?.reference}.${s.concat?.sequence}`), whole };
  };
  const first = await run(5);
  assert.equal(first.whole, 10);
  assert.equal(first.order.length, 30);
  const inOrder = [...first.order].sort((a, b) => Number(a.split('.')[0]) - Number(b.split('.')[0]) || Number(a.split('.')[1]) - Number(b.split('.')[1]));
  assert.notDeepEqual(first.order, inOrder, 'jitter reorders some segments');
  assert.deepEqual((await run(5)).order, first.order);
});

test('a message with a lost segment is given up after the reassembly timeout, counted, never delivered', async () => {
  const { clock, center, events } = setup({ latencyMs: { min: 100, max: 100 }, reassemblyTimeoutMs: 30_000 });
  center.attach(PHONE);
  const server = center.attach(SERVER);
  const got = collect(server);
  const pdus = splitIntoSms(bytes(300), 5) ?? [];
  center.submit(PHONE, SERVER, pdus[0]!);
  center.submit(PHONE, SERVER, pdus[2]!);
  await clock.advance(100);
  assert.equal(server.pendingReassembly(), 1);
  await clock.advance(30_000);
  assert.equal(got.length, 0);
  assert.equal(server.pendingReassembly(), 0);
  const expired = events.filter((e) => e.kind === 'message');
  assert.deepEqual(expired.map((e) => [e.fate, e.reason, e.reference, e.received, e.total, e.time - VIRTUAL_EPOCH]), [['expired', 'reassembly-timeout', 5, 2, 3, 30_100]]);
  assert.equal(center.stats().messagesExpired, 1);
});

test('a segment received twice is dropped as a duplicate, before and after its message completes', async () => {
  const { clock, center, events } = setup({ latencyMs: { min: 10, max: 10 } });
  center.attach(PHONE);
  const server = center.attach(SERVER);
  const got = collect(server);
  const pdus = splitIntoSms(bytes(200), 9) ?? [];
  for (const i of [0, 0, 1, 1]) center.submit(PHONE, SERVER, pdus[i]!);
  await clock.advance(10);
  assert.equal(got.length, 1);
  assert.equal(segments(events, 'duplicate').length, 2);
  assert.equal(center.stats().segmentsDuplicate, 2);
  assert.equal(server.pendingReassembly(), 0, 'the late copy does not start a message that could never complete');
});

test('loss, duplication by the bearer, unknown numbers and malformed headers are events, not crashes', async () => {
  const lossy = setup({ lossRate: 1 });
  const phone = lossy.center.attach(PHONE);
  const got = collect(lossy.center.attach(SERVER));
  await phone.send(bytes(300), { address: SERVER, port: 0 });
  await lossy.clock.advance(5000);
  assert.equal(got.length, 0);
  assert.deepEqual(segments(lossy.events, 'lost').map((s) => s.reason), ['loss', 'loss', 'loss']);

  const dup = setup({ duplicateRate: 1 });
  const p2 = dup.center.attach(PHONE);
  const got2 = collect(dup.center.attach(SERVER));
  await p2.send(bytes(300), { address: SERVER, port: 0 });
  await p2.send(bytes(20), { address: '+15550000', port: 0 });
  dup.center.submit(PHONE, SERVER, { udhi: true, userData: Buffer.from('0900', 'hex') });
  await dup.clock.advance(5000);
  assert.equal(got2.length, 1);
  assert.equal(dup.center.stats().segmentsDuplicate, 3);
  assert.deepEqual(segments(dup.events, 'lost').map((s) => [s.to, s.reason]), [['+15550000', 'unknown-number'], ['+15550000', 'unknown-number']]);
  assert.equal(segments(dup.events, 'malformed').length, 2);
});

test('sends are refused with typed errors: too large, not an MSISDN, after close; attach refuses bad or taken numbers', async () => {
  const { center } = setup();
  const phone = center.attach(PHONE);
  await assert.rejects(phone.send(Buffer.alloc(255 * 134 + 1), { address: SERVER, port: 0 }), SmsTooLargeError);
  await assert.rejects(phone.send(Buffer.from('x'), { address: '10.0.0.1', port: 5683 }), SendError);
  assert.throws(() => center.attach(PHONE), SmsAttachError);
  assert.throws(() => center.attach('lwm2m-server'), SmsAttachError);
  await phone.close();
  assert.ok(!center.isAttached(PHONE));
  await assert.rejects(phone.send(Buffer.from('x'), { address: SERVER, port: 0 }), TransportClosedError);
  center.attach(PHONE); // free again
  await center.close();
});
