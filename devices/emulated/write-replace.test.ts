/**
 * Write on an object instance (TS 1.0 §5.4.3): PUT replaces the instance, so the writable resources its
 * payload leaves out go back to their factory values (or away, when only a write had created them); POST is a
 * Partial Update that changes only what it carries. Shown on the wire against the raw server, with /1/0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeContent } from '../../harness/lwm2m/codecs/index.ts';
import { builtinRegistry } from '../../harness/lwm2m/model/registry.ts';
import { parsePath } from '../../harness/lwm2m/path.ts';
import { ContentFormat } from '../../harness/lwm2m/values.ts';
import { openBench, type Bench } from './testing/bench.ts';
import type { RawRequest } from './testing/raw-coap-peer.ts';

const registry = builtinRegistry();

/** A TLV payload for /1/0 carrying only the Lifetime. */
function lifetimeOnly(seconds: number): Buffer {
  return encodeContent(ContentFormat.TLV, [{ path: { objectId: 1, instanceId: 0, resourceId: 1 }, value: seconds }], { path: parsePath('/1/0'), registry });
}

async function withBench(run: (req: (r: RawRequest) => Promise<[string, string]>, bench: Bench) => Promise<void>): Promise<void> {
  const bench = openBench({ bootDelayMs: 1000 });
  try {
    await bench.clock.runUntil(bench.client.start());
    const req = async (r: RawRequest): Promise<[string, string]> => {
      const res = await bench.clock.runUntil(bench.peer.request(bench.client.local, r));
      return [res.packet.code, res.packet.payload.toString()];
    };
    await run(req, bench);
  } finally {
    await bench.close();
  }
}

const text = (path: string, value: string): RawRequest => ({ code: 'PUT', path, contentFormat: ContentFormat.TEXT, payload: Buffer.from(value) });

/** Changes three writable resources of /1/0 from their factory values (pmin did not exist before). */
async function customise(req: (r: RawRequest) => Promise<[string, string]>): Promise<void> {
  assert.equal((await req(text('/1/0/5', '600')))[0], '2.04');
  assert.equal((await req(text('/1/0/6', '0')))[0], '2.04');
  assert.equal((await req(text('/1/0/2', '10')))[0], '2.04');
  assert.equal((await req({ code: 'GET', path: '/1/0/2' }))[0], '2.05');
}

async function settings(req: (r: RawRequest) => Promise<[string, string]>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rid of [0, 1, 2, 5, 6, 7]) {
    const [code, payload] = await req({ code: 'GET', path: `/1/0/${rid}` });
    out[rid] = code === '2.05' ? payload : code;
  }
  return out;
}

test('POST (Partial Update) on /1/0 with only the Lifetime leaves every other resource as written before', async () => {
  await withBench(async (req) => {
    await customise(req);
    assert.equal((await req({ code: 'POST', path: '/1/0', contentFormat: ContentFormat.TLV, payload: lifetimeOnly(120) }))[0], '2.04');
    assert.deepEqual(await settings(req), { 0: '101', 1: '120', 2: '10', 5: '600', 6: '0', 7: 'U' });
  });
});

test('PUT (Replace) on /1/0 with only the Lifetime resets the writable resources it leaves out', async () => {
  await withBench(async (req) => {
    await customise(req);
    assert.equal((await req({ code: 'PUT', path: '/1/0', contentFormat: ContentFormat.TLV, payload: lifetimeOnly(200) }))[0], '2.04');
    // Disable Timeout and Notification Storing are back at the factory values; the Default Minimum Period
    // only a write had created is gone; the read-only Short Server ID is untouched.
    assert.deepEqual(await settings(req), { 0: '101', 1: '200', 2: '4.04', 5: '86400', 6: '1', 7: 'U' });
  });
});

test('a Replace that resets a setting the device acts on is acted on: the binding goes back and an Update says so', async () => {
  await withBench(async (req, bench) => {
    assert.equal((await req(text('/1/0/7', 'UQ')))[0], '2.04');
    await bench.clock.advance(1000);
    const since = bench.peer.received.length;
    assert.equal((await req({ code: 'PUT', path: '/1/0', contentFormat: ContentFormat.TLV, payload: lifetimeOnly(300) }))[0], '2.04');
    await bench.clock.advance(1000);
    assert.equal((await req({ code: 'GET', path: '/1/0/7' }))[1], 'U');
    const updates = bench.peer.received
      .slice(since)
      .filter((r) => r.packet.code === '0.02')
      .flatMap((r) => r.packet.options.filter((o) => o.name === 'Uri-Query').map((o) => o.value.toString()));
    assert.ok(updates.includes('b=U'), `an Update carries b=U: ${JSON.stringify(updates)}`);
  });
});
