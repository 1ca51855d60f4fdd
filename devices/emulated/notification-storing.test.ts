/**
 * Notification Storing When Disabled or Offline (/1/x/6) on the wire: the client's link goes dark (a
 * blackout on its transport) while an observed value changes three times. The first notification is in
 * flight when the link drops and the client retransmits it; the changes after it occur while the server
 * cannot be reached. With /1/0/6 true they are stored and reach the server in order once the link is back;
 * with /1/0/6 false they are dropped and only the newest value follows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContentFormat } from '../../harness/lwm2m/values.ts';
import { openBench, type Bench } from './testing/bench.ts';

const TEMPERATURE = '/3303/0/5700';

/** Observes the temperature, changes it three times during a 20 s blackout, returns every value notified. */
async function changesDuringBlackout(storing: boolean): Promise<{ values: number[]; retransmitted: boolean }> {
  const bench = openBench({ bootDelayMs: 1000 }, 1, { shapedLink: true });
  try {
    await bench.clock.runUntil(bench.client.start());
    const req = (r: Parameters<Bench['peer']['request']>[1]) => bench.clock.runUntil(bench.peer.request(bench.client.local, r));
    if (!storing) {
      const write = await req({ code: 'PUT', path: '/1/0/6', contentFormat: ContentFormat.TEXT, payload: Buffer.from('0') });
      assert.equal(write.packet.code, '2.04');
    }
    const token = Buffer.from([0x57, 0x07]);
    const first = await req({ code: 'GET', path: TEMPERATURE, observe: 0, token, accept: ContentFormat.TEXT });
    assert.equal(first.packet.code, '2.05');
    const link = bench.link;
    assert.ok(link, 'the bench has a shaped link');

    link.setBlackout(true);
    for (const value of [31.5, 32.5, 33.5]) {
      bench.client.stimulus.set(TEMPERATURE, value);
      await bench.clock.advance(5000);
    }
    await bench.clock.advance(5000);
    assert.equal(bench.peer.withToken(token).length, 1, 'nothing reaches the server during the blackout');
    link.setBlackout(false);
    await bench.clock.advance(60_000);

    const notes = bench.peer.withToken(token).slice(1);
    const ids = notes.map((n) => n.packet.messageId);
    return {
      values: notes.filter((n, i) => ids.indexOf(n.packet.messageId) === i).map((n) => Number(n.packet.payload.toString())),
      retransmitted: notes.length > 0 && notes.every((n) => n.at >= 20_000),
    };
  } finally {
    await bench.close();
  }
}

test('/1/0/6 true: notifications that occur while the server cannot be reached are stored and sent in order when the link is back', async () => {
  const { values, retransmitted } = await changesDuringBlackout(true);
  assert.deepEqual(values, [31.5, 32.5, 33.5]);
  assert.ok(retransmitted, 'they arrive only after the blackout');
});

test('/1/0/6 false: notifications that occur while the server cannot be reached are dropped; only the newest value is sent', async () => {
  const { values } = await changesDuringBlackout(false);
  // 31.5 was already on its way (retransmitted until the link came back); 32.5 was dropped.
  assert.deepEqual(values, [31.5, 33.5]);
});
