import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContentFormat } from '../../../harness/lwm2m/values.ts';
import { openBench, type Bench } from '../testing/bench.ts';

async function setup(attributes: string[]): Promise<{ bench: Bench; token: Buffer; t0: number }> {
  const bench = openBench();
  await bench.clock.runUntil(bench.client.start());
  const to = bench.client.local;
  const wa = await bench.clock.runUntil(bench.peer.request(to, { code: 'PUT', path: '/3303/0/5700', query: attributes }));
  assert.equal(wa.packet.code, '2.04', `Write-Attributes ${attributes.join('&')}`);
  const token = Buffer.from([0x0b, 0x5e]);
  const first = await bench.clock.runUntil(bench.peer.request(to, { code: 'GET', path: '/3303/0/5700', observe: 0, token }));
  assert.equal(first.packet.code, '2.05');
  assert.equal(first.packet.payload.toString(), '21.5');
  return { bench, token, t0: first.at };
}

/** Times (relative to t0) and payloads of notifications after the first answer. */
function notifications(bench: Bench, token: Buffer, t0: number): Array<[number, string]> {
  return bench.peer.withToken(token).slice(1).map((r) => [r.at - t0, r.packet.payload.toString()]);
}

test('pmax: a notification every pmax without changes; a change within pmin waits for it', async () => {
  const { bench, token, t0 } = await setup(['pmin=10', 'pmax=60']);
  try {
    await bench.clock.advance(125_000);
    bench.client.stimulus.set('/3303/0/5700', 22.5);
    await bench.clock.advance(10_000);
    assert.deepEqual(notifications(bench, token, t0), [
      [60_000, '21.5'],
      [120_000, '21.5'],
      [130_000, '22.5'],
    ]);
  } finally {
    await bench.close();
  }
});

test('pmin: a change after pmin is notified at once', async () => {
  const { bench, token, t0 } = await setup(['pmin=5']);
  try {
    await bench.clock.advance(7_000);
    bench.client.stimulus.set('/3303/0/5700', 23);
    await bench.clock.advance(1_000);
    bench.client.stimulus.set('/3303/0/5700', 24);
    await bench.clock.advance(10_000);
    assert.deepEqual(notifications(bench, token, t0), [
      [7_000, '23'],
      [12_000, '24'],
    ]);
  } finally {
    await bench.close();
  }
});

test('gt and lt: only crossings notify', async () => {
  const { bench, token, t0 } = await setup(['gt=30', 'lt=10']);
  try {
    const steps: Array<[number, number]> = [[25, 1000], [31, 2000], [32, 3000], [29, 4000], [9, 5000], [8, 6000]];
    for (const [value, at] of steps) {
      await bench.clock.advance(at - (bench.clock.now() - t0));
      bench.client.stimulus.set('/3303/0/5700', value);
    }
    await bench.clock.advance(1000);
    assert.deepEqual(notifications(bench, token, t0), [
      [2000, '31'],
      [4000, '29'],
      [5000, '9'],
    ]);
  } finally {
    await bench.close();
  }
});

test('st: notify when the value moved st from the last notified value', async () => {
  const { bench, token, t0 } = await setup(['st=2']);
  try {
    for (const [value, at] of [[22, 1000], [23.5, 2000], [24, 3000], [25.6, 4000]] as Array<[number, number]>) {
      await bench.clock.advance(at - (bench.clock.now() - t0));
      bench.client.stimulus.set('/3303/0/5700', value);
    }
    await bench.clock.advance(1000);
    assert.deepEqual(notifications(bench, token, t0), [
      [2000, '23.5'],
      [4000, '25.6'],
    ]);
  } finally {
    await bench.close();
  }
});

test('attributes inherit object -> instance -> resource, and default pmax comes from /1/0/3', async () => {
  const bench = openBench();
  try {
    await bench.clock.runUntil(bench.client.start());
    const to = bench.client.local;
    const put = (path: string, query: string[]) => bench.clock.runUntil(bench.peer.request(to, { code: 'PUT', path, query }));
    await bench.clock.runUntil(bench.peer.request(to, { code: 'PUT', path: '/1/0/3', contentFormat: ContentFormat.TEXT, payload: Buffer.from('100') }));
    assert.equal((await put('/3303', ['pmax=50'])).packet.code, '2.04');
    assert.equal((await put('/3303/0', ['pmax=40'])).packet.code, '2.04');
    assert.equal((await put('/3303/0', ['gt=4'])).packet.code, '4.00', 'thresholds only on a resource');
    const token = Buffer.from([7]);
    const first = await bench.clock.runUntil(bench.peer.request(to, { code: 'GET', path: '/3303/0/5700', observe: 0, token }));
    await bench.clock.advance(85_000);
    assert.deepEqual(notifications(bench, token, first.at).map(([at]) => at), [40_000, 80_000]);
    const discover = await bench.clock.runUntil(bench.peer.request(to, { code: 'GET', path: '/3303/0', accept: ContentFormat.LINK }));
    assert.match(discover.packet.payload.toString(), /^<\/3303\/0>;pmax=40,<\/3303\/0\/5601>/);
  } finally {
    await bench.close();
  }
});

test('Observe with Observe=1 cancels: no more notifications', async () => {
  const { bench, token, t0 } = await setup(['pmax=10']);
  try {
    await bench.clock.advance(15_000);
    await bench.clock.runUntil(bench.peer.request(bench.client.local, { code: 'GET', path: '/3303/0/5700', observe: 1, token }));
    await bench.clock.advance(60_000);
    assert.deepEqual(notifications(bench, token, t0).map(([at]) => at), [10_000, 15_000]);
  } finally {
    await bench.close();
  }
});
