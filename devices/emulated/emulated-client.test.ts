import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContentFormat } from '../../harness/lwm2m/values.ts';
import { openBench } from './testing/bench.ts';
import { optionStrings, optionUint } from './testing/raw-coap-peer.ts';

const isRegister = (p: { code: string; options: { name: string | number; value: Buffer }[] }) =>
  p.code === '0.02' && optionStrings(p as never, 'Uri-Path').join('/') === 'rd';

test('Register carries ep, lt, lwm2m, b and the object list without /0', async () => {
  const bench = openBench();
  try {
    assert.equal(await bench.clock.runUntil(bench.client.start()), true);
    const register = bench.peer.requests(isRegister)[0];
    assert.ok(register, 'a Register arrived');
    assert.deepEqual(optionStrings(register.packet, 'Uri-Query'), ['ep=emu-1', 'lt=300', 'lwm2m=1.0', 'b=U']);
    assert.equal(optionUint(register.packet, 'Content-Format'), ContentFormat.LINK);
    const links = register.packet.payload.toString();
    assert.equal(links, '</1/0>,</2/0>,</3/0>,</4/0>,</5/0>,</6/0>,</7/0>,</3303/0>,</3311/0>');
    assert.ok(register.packet.confirmable);
    assert.deepEqual(bench.client.status().location, ['rd', '1']);
  } finally {
    await bench.close();
  }
});

test('Updates go out every lifetime minus 30 s across 24 h of virtual time', async (t) => {
  const wallStart = performance.now();
  const bench = openBench();
  try {
    await bench.clock.runUntil(bench.client.start());
    const t0 = bench.clock.now();
    await bench.clock.advance(24 * 3600 * 1000);
    const updates = bench.peer.requests((p) => p.code === '0.02' && optionStrings(p, 'Uri-Path').join('/') === 'rd/1');
    assert.equal(updates.length, Math.floor((24 * 3600) / 270));
    updates.forEach((u, i) => assert.equal(u.at - t0, (i + 1) * 270_000, `update ${i + 1}`));
    assert.equal(bench.peer.requests(isRegister).length, 1, 'no re-registration');
    // Reported, not asserted: the virtual clock makes a day of device time a matter of wall milliseconds.
    t.diagnostic(`24 h of virtual time took ${Math.round(performance.now() - wallStart)} ms of wall time`);
  } finally {
    await bench.close();
  }
});

test('Read answers text for a single resource, 4.04 for unknown, 4.05 for a non-readable one', async () => {
  const bench = openBench();
  try {
    await bench.clock.runUntil(bench.client.start());
    const to = bench.client.local;
    const read = (path: string, accept?: number) => bench.clock.runUntil(bench.peer.request(to, { code: 'GET', path, ...(accept !== undefined ? { accept } : {}) }));
    const serial = await read('/3/0/2');
    assert.equal(serial.packet.code, '2.05');
    assert.equal(optionUint(serial.packet, 'Content-Format'), ContentFormat.TEXT);
    assert.equal(serial.packet.payload.toString(), 'EMU-emu-1');
    assert.equal((await read('/3/0/4')).packet.code, '4.05', 'Reboot is executable only');
    assert.equal((await read('/3/0/99')).packet.code, '4.04');
    assert.equal((await read('/42')).packet.code, '4.04');
    assert.equal((await read('/0/0')).packet.code, '4.01', 'Security is not for management servers');
    assert.equal((await read('/3/0/2', 9999)).packet.code, '4.06');
    const ip = await read('/4/0/4/0');
    assert.equal(ip.packet.payload.toString(), '10.0.0.2', 'IP address is the transport address (HLF-037)');
  } finally {
    await bench.close();
  }
});

test('Write and Execute: read-only refused, lifetime write triggers an Update with lt', async () => {
  const bench = openBench();
  try {
    await bench.clock.runUntil(bench.client.start());
    const to = bench.client.local;
    const req = (r: Parameters<typeof bench.peer.request>[1]) => bench.clock.runUntil(bench.peer.request(to, r));
    const text = ContentFormat.TEXT;
    assert.equal((await req({ code: 'PUT', path: '/3/0/2', contentFormat: text, payload: Buffer.from('X') })).packet.code, '4.05');
    assert.equal((await req({ code: 'POST', path: '/3/0/2' })).packet.code, '4.05', 'Execute on a non-E resource');
    assert.equal((await req({ code: 'PUT', path: '/3311/0/5850', contentFormat: text, payload: Buffer.from('1') })).packet.code, '2.04');
    assert.equal(bench.client.deviceObjects.lights.get(0)?.isOn, true);
    assert.equal((await req({ code: 'GET', path: '/3311/0/5850' })).packet.payload.toString(), '1');
    const before = bench.peer.received.length;
    assert.equal((await req({ code: 'PUT', path: '/1/0/1', contentFormat: text, payload: Buffer.from('600') })).packet.code, '2.04');
    const update = await bench.clock.runUntil(bench.peer.waitFor((r) => r.packet.code === '0.02', 10_000, before));
    assert.deepEqual(optionStrings(update.packet, 'Uri-Query'), ['lt=600']);
    assert.equal(bench.client.status().lifetime, 600);
  } finally {
    await bench.close();
  }
});

test('Exec /3/0/4 reboots: answers 2.04, registers again after the boot delay with the same serial', async () => {
  const bench = openBench({ bootDelayMs: 5000 });
  try {
    await bench.clock.runUntil(bench.client.start());
    const serial = bench.client.status().serialNumber;
    const answer = await bench.clock.runUntil(bench.peer.request(bench.client.local, { code: 'POST', path: '/3/0/4' }));
    assert.equal(answer.packet.code, '2.04');
    const at = bench.clock.now();
    const again = await bench.clock.runUntil(bench.peer.waitFor((r) => isRegister(r.packet), 60_000, bench.peer.received.indexOf(answer)));
    assert.equal(again.at - at, 5000);
    assert.equal(bench.client.status().serialNumber, serial);
  } finally {
    await bench.close();
  }
});

test('Exec /1/0/4 Disable: de-register, silence for the Disable Timeout, then Register', async () => {
  const bench = openBench();
  try {
    await bench.clock.runUntil(bench.client.start());
    const to = bench.client.local;
    await bench.clock.runUntil(bench.peer.request(to, { code: 'PUT', path: '/1/0/5', contentFormat: ContentFormat.TEXT, payload: Buffer.from('7200') }));
    const start = bench.peer.received.length;
    const answer = await bench.clock.runUntil(bench.peer.request(to, { code: 'POST', path: '/1/0/4' }));
    assert.equal(answer.packet.code, '2.04');
    const t0 = bench.clock.now();
    const dereg = await bench.clock.runUntil(bench.peer.waitFor((r) => r.packet.code === '0.04', 10_000, start));
    assert.equal(dereg.at, t0);
    const reg = await bench.clock.runUntil(bench.peer.waitFor((r) => isRegister(r.packet), 3 * 3600_000, start));
    assert.equal(reg.at - t0, 7200_000);
    const between = bench.peer.requests().filter((r) => r.at > t0 && r.at < reg.at);
    assert.deepEqual(between.map((r) => r.packet.code), [], 'silent while disabled');
  } finally {
    await bench.close();
  }
});

test('Exec /1/0/8 Registration Update Trigger sends an Update', async () => {
  const bench = openBench();
  try {
    await bench.clock.runUntil(bench.client.start());
    const start = bench.peer.received.length;
    await bench.clock.runUntil(bench.peer.request(bench.client.local, { code: 'POST', path: '/1/0/8' }));
    const update = await bench.clock.runUntil(bench.peer.waitFor((r) => r.packet.code === '0.02', 10_000, start));
    assert.deepEqual(optionStrings(update.packet, 'Uri-Path'), ['rd', '1']);
  } finally {
    await bench.close();
  }
});
