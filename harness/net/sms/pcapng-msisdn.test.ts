import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packetAddress, traceToPcapng } from '../../coap/pcapng.ts';
import { Trace } from '../../coap/trace.ts';
import { smsEndpoint } from './msisdn.ts';

// The pcapng writer needs no change for the SMS bearer: a non-IP address becomes a stable address in the
// benchmarking range 198.18.0.0/15, and an SMS endpoint's port is 0. These checks keep that true.
test('an MSISDN peer gets a stable synthetic IPv4 address in 198.18.0.0/15, distinct per number', () => {
  const a = packetAddress(smsEndpoint('+15550100001'));
  const b = packetAddress(smsEndpoint('+15550005683'));
  assert.deepEqual(packetAddress(smsEndpoint('+15550100001')), a);
  assert.notDeepEqual(a, b);
  for (const address of [a, b]) {
    assert.equal(address.length, 4);
    assert.equal(address[0], 198);
    assert.ok(address[1] === 18 || address[1] === 19);
  }
});

test('a trace with an SMS exchange is written as pcapng with UDP port 0 on the SMS side', () => {
  const trace = new Trace({ startTime: 1_700_000_000_000 });
  const bytes = Buffer.from('4101a1b2c1b3', 'hex');
  trace.add({ time: 1_700_000_000_000, direction: 'out', local: { address: 'lwm2m-server', port: 5683 }, remote: smsEndpoint('+15550100001'), bytes });
  const pcap = traceToPcapng(trace);
  assert.equal(pcap.readUInt32LE(0), 0x0a0d0d0a, 'section header block');
  const at = pcap.indexOf(bytes);
  assert.ok(at > 8, 'the datagram is in the file');
  // The UDP header sits right before the payload: source 5683, destination 0.
  assert.equal(pcap.readUInt16BE(at - 8), 5683);
  assert.equal(pcap.readUInt16BE(at - 6), 0);
});
