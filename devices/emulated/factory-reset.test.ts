/**
 * Exec /3/0/5 Factory Reset (HLF-009) on the wire: the client answers 2.04, restarts and registers again with
 * its factory configuration. Settings written before (Lifetime, Disable Timeout) are back at their factory
 * values and an instance a server created is gone; what the factory does not own (serial number) stays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContentFormat } from '../../harness/lwm2m/values.ts';
import { openBench } from './testing/bench.ts';
import { optionStrings, type RawRequest } from './testing/raw-coap-peer.ts';

const FACTORY_LIFETIME = 300;

test('factory reset: 2.04, a new Register with the factory lifetime, and the written settings are gone', async () => {
  const bench = openBench({ bootDelayMs: 1000, lifetime: FACTORY_LIFETIME });
  try {
    await bench.clock.runUntil(bench.client.start());
    const req = async (r: RawRequest): Promise<[string, string]> => {
      const res = await bench.clock.runUntil(bench.peer.request(bench.client.local, r));
      return [res.packet.code, res.packet.payload.toString()];
    };
    const text = (path: string, value: string): RawRequest => ({ code: 'PUT', path, contentFormat: ContentFormat.TEXT, payload: Buffer.from(value) });
    const serial = (await req({ code: 'GET', path: '/3/0/2' }))[1];

    assert.equal((await req(text('/1/0/1', '900')))[0], '2.04');
    assert.equal((await req(text('/1/0/5', '600')))[0], '2.04');
    assert.equal((await req({ code: 'POST', path: '/3303', contentFormat: ContentFormat.TLV, payload: Buffer.alloc(0) }))[0], '2.01');
    await bench.clock.advance(1000);
    assert.equal((await req({ code: 'GET', path: '/1/0/1' }))[1], '900');

    const since = bench.peer.received.length;
    assert.equal((await req({ code: 'POST', path: '/3/0/5' }))[0], '2.04');
    await bench.clock.advance(5000);
    const registers = bench.peer.requests((p) => p.code === '0.02' && optionStrings(p, 'Uri-Path').join('/') === 'rd').filter((r) => bench.peer.received.indexOf(r) >= since);
    assert.equal(registers.length, 1, 'one new Register after the reset');
    const register = registers[0]?.packet;
    assert.ok(register && optionStrings(register, 'Uri-Query').includes(`lt=${FACTORY_LIFETIME}`), `Register carries the factory lifetime: ${register ? optionStrings(register, 'Uri-Query').join('&') : 'none'}`);
    assert.ok(register && !register.payload.toString().includes('</3303/1>'), 'the created instance is not in the object list');
    assert.equal(bench.client.status().state, 'registered');

    assert.equal((await req({ code: 'GET', path: '/1/0/1' }))[1], String(FACTORY_LIFETIME));
    assert.equal((await req({ code: 'GET', path: '/1/0/5' }))[1], '86400');
    assert.equal((await req({ code: 'GET', path: '/3303/1' }))[0], '4.04');
    assert.equal((await req({ code: 'GET', path: '/3/0/2' }))[1], serial, 'the serial number is not configuration');
  } finally {
    await bench.close();
  }
});
