import { test } from 'node:test';
import assert from 'node:assert/strict';
import packet from 'coap-packet';
import { ResponseMessageIds } from './response-message-ids.ts';

const notification = (messageId: number, confirmable = true): Buffer =>
  packet.generate({ code: '2.05', confirmable, messageId, token: Buffer.from([1, 2]), payload: Buffer.from('21.5') });

test('CON and NON responses are renumbered from the seeded start; the same message keeps its id on retransmission', () => {
  const ids = new ResponseMessageIds(0x9000);
  const first = ids.outbound(notification(12345));
  const again = ids.outbound(notification(12345));
  const second = ids.outbound(notification(12346, false));
  assert.equal(packet.parse(first).messageId, 0x9000);
  assert.equal(packet.parse(again).messageId, 0x9000, 'a retransmission keeps its wire id');
  assert.equal(packet.parse(second).messageId, 0x9001);
  assert.equal(packet.parse(first).payload.toString(), '21.5', 'only the id changes');
});

test('piggybacked answers and requests keep their ids; ACK and RST of a renumbered message map back', () => {
  const ids = new ResponseMessageIds(0xfffe);
  const piggybacked = packet.generate({ code: '2.05', ack: true, messageId: 77 });
  assert.equal(ids.outbound(piggybacked), piggybacked);
  const request = packet.generate({ code: '0.02', confirmable: true, messageId: 78 });
  assert.equal(ids.outbound(request), request);
  ids.outbound(notification(500));
  ids.outbound(notification(501));
  ids.outbound(notification(502));
  const wrapped = packet.parse(ids.outbound(notification(502))).messageId;
  assert.equal(wrapped, 0x0000, 'the counter wraps at 16 bits');
  assert.equal(packet.parse(ids.inbound(packet.generate({ code: '0.00', ack: true, messageId: 0xffff }))).messageId, 501);
  assert.equal(packet.parse(ids.inbound(packet.generate({ code: '0.00', reset: true, messageId: 0x0000 }))).messageId, 502);
  const unrelated = packet.generate({ code: '2.01', ack: true, messageId: 4242 });
  assert.equal(ids.inbound(unrelated), unrelated, 'the ACK of a request of the client is untouched');
  assert.deepEqual(ids.inbound(Buffer.from([0x60])), Buffer.from([0x60]), 'a runt datagram passes as it is');
});
