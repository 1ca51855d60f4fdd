import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContentFormat } from '../../harness/lwm2m/values.ts';
import { openBench } from './testing/bench.ts';
import { optionUint } from './testing/raw-coap-peer.ts';
import { emulatedPackage } from './objects/firmware-update.ts';

test('Read /3/0 answers TLV by default', async () => {
  const bench = openBench();
  try {
    await bench.clock.runUntil(bench.client.start());
    const res = await bench.clock.runUntil(bench.peer.request(bench.client.local, { code: 'GET', path: '/3/0' }));
    assert.equal(res.packet.code, '2.05');
    assert.equal(optionUint(res.packet, 'Content-Format'), ContentFormat.TLV);
    assert.ok(res.packet.payload.includes(Buffer.from('EMU-emu-1')));
  } finally {
    await bench.close();
  }
});

test('firmware push: Write /5/0/0, Exec /5/0/2, device restarts with the new version and Update Result 1', async () => {
  const bench = openBench({ bootDelayMs: 1000 });
  try {
    await bench.clock.runUntil(bench.client.start());
    const to = bench.client.local;
    const req = (r: Parameters<typeof bench.peer.request>[1]) => bench.clock.runUntil(bench.peer.request(to, r));
    const write = await req({ code: 'PUT', path: '/5/0/0', contentFormat: ContentFormat.OPAQUE, payload: emulatedPackage('2.0.0') });
    assert.equal(write.packet.code, '2.04');
    assert.equal((await req({ code: 'GET', path: '/5/0/3' })).packet.payload.toString(), '2', 'Downloaded');
    assert.equal((await req({ code: 'POST', path: '/5/0/2' })).packet.code, '2.04');
    await bench.clock.advance(10_000);
    assert.equal(bench.client.status().state, 'registered');
    assert.equal((await req({ code: 'GET', path: '/3/0/3' })).packet.payload.toString(), '2.0.0');
    assert.equal((await req({ code: 'GET', path: '/5/0/5' })).packet.payload.toString(), '1');
    assert.equal((await req({ code: 'GET', path: '/5/0/3' })).packet.payload.toString(), '0');
  } finally {
    await bench.close();
  }
});
