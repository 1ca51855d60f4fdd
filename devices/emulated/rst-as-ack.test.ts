import { test } from 'node:test';
import assert from 'node:assert/strict';
import packet from 'coap-packet';
import { RstAsAck } from './rst-as-ack.ts';

const server = { address: '10.0.0.1', port: 5683 };
const other = { address: '10.0.0.9', port: 5683 };
const rst = (messageId: number) => packet.generate({ code: '0.00', messageId, reset: true, confirmable: false, ack: false });

test('only an RST from the same peer to a notification sent becomes an empty ACK', () => {
  const fault = new RstAsAck();
  const observe = [{ name: 'Observe', value: Buffer.from([2]) }];
  fault.sent(packet.generate({ code: '2.05', messageId: 10, token: Buffer.from([1]), confirmable: true, options: observe }), server);
  // A piggybacked answer and a request are no notifications.
  fault.sent(packet.generate({ code: '2.05', messageId: 11, token: Buffer.from([1]), ack: true, options: observe }), server);
  fault.sent(packet.generate({ code: '0.02', messageId: 12, token: Buffer.from([2]), confirmable: true }), server);

  const ack = packet.parse(fault.received(rst(10), server));
  assert.deepEqual([ack.code, ack.messageId, ack.ack, ack.reset, ack.confirmable], ['0.00', 10, true, false, false]);
  for (const [id, from] of [[11, server], [12, server], [10, other]] as const) {
    const untouched = rst(id);
    assert.equal(fault.received(untouched, from), untouched, `RST ${id} from ${from.address}`);
  }
  const notAnRst = Buffer.from([0xff, 0x00]);
  assert.equal(fault.received(notAnRst, server), notAnRst, 'a datagram that is no CoAP passes');
});
