import { test } from 'node:test';
import assert from 'node:assert/strict';
import coap from 'coap';
import { openBench } from './testing/bench.ts';
import { optionStrings } from './testing/raw-coap-peer.ts';

test('node-coap runs with the RFC 7252 default transmission parameters', () => {
  assert.equal(coap.parameters.ackTimeout, 2);
  assert.equal(coap.parameters.ackRandomFactor, 1.5);
  assert.equal(coap.parameters.maxRetransmit, 4);
});

test('an unacknowledged Register is retransmitted with doubling timeouts (HLF-036)', async () => {
  const bench = openBench();
  try {
    bench.peer.ackConfirmable = false;
    void bench.client.start();
    await bench.clock.advance(120_000);
    const sent = bench.peer.requests((p) => p.code === '0.02' && optionStrings(p, 'Uri-Path').join('/') === 'rd');
    assert.equal(sent.length, 5, 'first transmission + MAX_RETRANSMIT (4)');
    assert.ok(sent.every((s) => s.packet.messageId === sent[0]?.packet.messageId), 'same message id every time');
    const t0 = sent[0]?.at ?? 0;
    const gaps = sent.slice(1).map((s, i) => s.at - (sent[i]?.at ?? 0));
    const first = gaps[0] ?? 0;
    assert.ok(first >= 2000 && first <= 3000, `initial timeout ${first} ms within [ACK_TIMEOUT, ACK_TIMEOUT * ACK_RANDOM_FACTOR]`);
    gaps.forEach((g, i) => assert.ok(g === first * 2 ** i, `gap ${i} doubles: ${gaps.join(",")}`));
    assert.ok((sent[4]?.at ?? 0) - t0 <= 45_000, 'within MAX_TRANSMIT_SPAN');
  } finally {
    await bench.close();
  }
});

test('the same seed gives the same retransmission times', async () => {
  const times: number[][] = [];
  for (let run = 0; run < 2; run++) {
    const bench = openBench({}, 5);
    try {
      bench.peer.ackConfirmable = false;
      const start = bench.clock.now();
      void bench.client.start();
      await bench.clock.advance(60_000);
      times.push(bench.peer.requests().map((r) => r.at - start));
    } finally {
      await bench.close();
    }
  }
  assert.deepEqual(times[0], times[1]);
});

test('an unanswered request is given up at MAX_TRANSMIT_WAIT after its first transmission, not EXCHANGE_LIFETIME', async () => {
  const failedAt: number[] = [];
  const bench = openBench({ onEvent: (e) => void (e.kind === 'failed' && failedAt.push(e.at)) });
  try {
    bench.peer.ackConfirmable = false;
    void bench.client.start();
    await bench.clock.advance(100_000);
    const sent = bench.peer.requests((p) => p.code === '0.02' && optionStrings(p, 'Uri-Path').join('/') === 'rd');
    const t0 = sent[0]?.at ?? 0;
    const initial = (sent[1]?.at ?? 0) - t0;
    assert.equal(failedAt.length, 1, 'the Register failed once within 100 s (node-coap alone waits 247 s)');
    assert.equal((failedAt[0] ?? 0) - t0, initial * 31, 'given up when the last retransmission\'s wait ends: initial timeout x (2^5 - 1), at most 93 s');
  } finally {
    await bench.close();
  }
});

test('a power-off stops the give-up timers of requests in flight (no stale failure after the next boot)', async () => {
  const events: string[] = [];
  const bench = openBench({ onEvent: (e) => void events.push(e.kind) });
  try {
    void bench.client.start();
    await bench.clock.advance(5_000);
    assert.deepEqual(events, ['registered']);
    bench.peer.ackConfirmable = false;
    void bench.client.update();
    await bench.clock.advance(5_000);
    bench.client.stop();
    bench.peer.ackConfirmable = true;
    void bench.client.start();
    await bench.clock.advance(120_000);
    assert.deepEqual(events.filter((k) => k === 'failed' || k === 'registered'), ['registered', 'registered'], events.join(', '));
  } finally {
    await bench.close();
  }
});
