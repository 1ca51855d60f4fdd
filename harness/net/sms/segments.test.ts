import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONCAT_PAYLOAD_OCTETS, MAX_MESSAGE_OCTETS, parseSms, splitIntoSms } from './segments.ts';
import { isMsisdn } from './msisdn.ts';

const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => i & 0xff));

test('a datagram of at most 140 octets is one SMS without a header', () => {
  for (const size of [0, 1, 139, 140]) {
    const pdus = splitIntoSms(bytes(size), 9);
    assert.equal(pdus?.length, 1);
    assert.equal(pdus?.[0]?.udhi, false);
    assert.deepEqual(pdus?.[0]?.userData, bytes(size));
    assert.deepEqual(parseSms(pdus![0]!), { kind: 'whole', payload: bytes(size) });
  }
});

test('300 octets go as 3 concatenated SMS of at most 140 octets with the 8-bit concatenation header', () => {
  const data = bytes(300);
  const pdus = splitIntoSms(data, 0x2a);
  assert.ok(pdus);
  assert.deepEqual(pdus.map((p) => p.userData.length), [140, 140, 6 + 300 - 2 * CONCAT_PAYLOAD_OCTETS]);
  assert.deepEqual(pdus.map((p) => p.userData.subarray(0, 6).toString('hex')), ['0500032a0301', '0500032a0302', '0500032a0303']);
  assert.ok(pdus.every((p) => p.udhi));
  const payloads = pdus.map((p) => parseSms(p));
  assert.deepEqual(payloads.map((p) => (p.kind === 'part' ? [p.concat.reference, p.concat.total, p.concat.sequence] : p.kind)), [
    [42, 3, 1], [42, 3, 2], [42, 3, 3],
  ]);
  assert.deepEqual(Buffer.concat(payloads.map((p) => (p.kind === 'part' ? p.payload : Buffer.alloc(0)))), data);
});

test('141 octets need two segments; the reference is taken modulo 256', () => {
  const pdus = splitIntoSms(bytes(141), 0x1ff);
  assert.deepEqual(pdus?.map((p) => p.userData.subarray(0, 6).toString('hex')), ['050003ff0201', '050003ff0202']);
});

test('more than 255 segments is refused (undefined), exactly 255 is accepted', () => {
  assert.equal(splitIntoSms(bytes(MAX_MESSAGE_OCTETS), 1)?.length, 255);
  assert.equal(splitIntoSms(bytes(MAX_MESSAGE_OCTETS + 1), 1), undefined);
});

test('malformed headers are reported, other information elements are skipped, 16-bit references are read', () => {
  assert.equal(parseSms({ udhi: true, userData: Buffer.from([0x09, 0x00]) }).kind, 'malformed');
  assert.equal(parseSms({ udhi: true, userData: Buffer.from('05000307040501', 'hex') }).kind, 'malformed'); // seq 5 > total 4
  assert.equal(parseSms({ udhi: true, userData: Buffer.from('05000307000001', 'hex') }).kind, 'malformed'); // total 0
  assert.equal(parseSms({ udhi: false, userData: bytes(141) }).kind, 'malformed');
  // Port addressing (IEI 0x05) then 16-bit concatenation (IEI 0x08).
  const withPorts = parseSms({ udhi: true, userData: Buffer.from('0c05041633163308040102020161', 'hex') });
  assert.deepEqual(withPorts, { kind: 'part', concat: { reference: 0x0102, total: 2, sequence: 1 }, payload: Buffer.from('61', 'hex') });
  assert.deepEqual(parseSms({ udhi: true, userData: Buffer.from('0605041633163361', 'hex') }), { kind: 'whole', payload: Buffer.from('61', 'hex') });
});

test('MSISDNs are told apart from IP addresses and host names', () => {
  for (const a of ['+15550100', '15550100', '+491701234567']) assert.ok(isMsisdn(a), a);
  for (const a of ['127.0.0.1', '::1', 'lwm2m-server', '', '+', '12', '+1555-0100', '1234567890123456']) assert.ok(!isMsisdn(a), a);
});
