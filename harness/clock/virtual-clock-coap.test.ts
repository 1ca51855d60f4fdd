import { test } from 'node:test';
import assert from 'node:assert/strict';
import coap from 'coap';
import type { IncomingMessage } from 'coap';
import { generate, parse } from 'coap-packet';
import { VirtualClock, VIRTUAL_EPOCH } from './virtual-clock.ts';
import { UdpTransport } from '../net/udp-transport.ts';

// node-coap (the emulated client's CoAP stack) schedules its CON retransmissions with the global setTimeout.
// Under the global virtual clock they must run in virtual time. A raw UDP peer ignores the request and its
// first retransmission, then piggybacks the answer on the ACK of the second: RFC 7252 backoff puts the first
// retransmission at ACK_TIMEOUT (2 s) times node-coap's random factor (1..1.5) and doubles the wait after it.
test('node-coap retransmits in virtual time under the global virtual clock', async () => {
  const clock = new VirtualClock();
  const peer = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const untrack = clock.addBusySource(peer);
  const agent = new coap.Agent({ type: 'udp4' });
  try {
    const arrivals: number[] = [];
    peer.onMessage((data, from) => {
      arrivals.push(clock.now() - VIRTUAL_EPOCH);
      if (arrivals.length < 3) return;
      const request = parse(data);
      const ack = generate({ ack: true, code: '2.05', messageId: request.messageId, token: request.token, payload: Buffer.from('hello') });
      void peer.send(ack, from);
    });
    const payload = await clock.runUntil(new Promise<string>((resolve, reject) => {
      const req = coap.request({ hostname: '127.0.0.1', port: peer.local.port, pathname: '/x', agent, confirmable: true });
      req.on('response', (res: IncomingMessage) => resolve(res.payload.toString()));
      req.on('error', reject);
      req.end();
    }), { maxVirtualMs: 600_000 });
    assert.equal(payload, 'hello');
    assert.equal(arrivals.length, 3);
    assert.equal(arrivals[0], 0);
    const first = arrivals[1] ?? Number.NaN;
    assert.ok(first >= 2000 && first <= 3000, `first retransmission at ${first} ms of virtual time`);
    // node-coap's timeouts are fractional and the timers round them, hence the 1 ms of slack.
    const second = arrivals[2] ?? Number.NaN;
    assert.ok(Math.abs(second - first * 3) <= 1, `second retransmission at ${second} ms, expected about ${first * 3}`);
  } finally {
    untrack();
    agent.close?.();
    await peer.close();
    clock.uninstall();
  }
});
