import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UdpTransport } from '../net/udp-transport.ts';
import { asSeenByProxy, createRealWorld, RealTimeBudgetError } from './real-world.ts';

async function freePort(): Promise<number> {
  const probe = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const port = probe.local.port;
  await probe.close();
  return port;
}

test('a real world binds the same fixed port again after close, with the bootstrap server 100 ports above', async () => {
  const port = await freePort();
  for (let round = 0; round < 2; round++) {
    const world = await createRealWorld({ seed: 1, bind: { host: '127.0.0.1', port } });
    try {
      assert.equal(world.env.server.uri, `coap://127.0.0.1:${port}`);
      assert.equal(world.server.local.port, port);
      assert.equal(world.env.bootstrap?.endpoint.port, port + 100);
      assert.equal(world.clock.kind, 'real');
      assert.equal(world.link, null);
    } finally {
      await world.close();
    }
  }
});

test('with a link proxy the device is pointed at the proxy, and datagrams reach the server through it', async () => {
  const world = await createRealWorld({ seed: 2, bind: { host: '127.0.0.1', port: 0 }, link: { port: 0 } });
  const device = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  try {
    assert.ok(world.link);
    assert.notEqual(world.env.server.endpoint.port, world.server.local.port);
    assert.equal(world.env.server.uri, `coap://127.0.0.1:${world.env.server.endpoint.port}`);
    // A CoAP ping (empty CON) through the proxy: the server's trace sees it, the device gets the RST.
    const answered = new Promise<Buffer>((resolve) => device.onMessage((data) => resolve(data)));
    await device.send(Buffer.from([0x40, 0x00, 0x12, 0x34]), world.env.server.endpoint);
    const reply = await world.drive(answered, 5000);
    assert.equal((reply[0] ?? 0) >> 4 & 0x3, 3, 'a reset answers the ping');
    assert.ok(world.trace.entries().some((e) => e.direction === 'in'));
  } finally {
    await device.close();
    await world.close();
  }
});

test('drive gives up with a typed error when the work outlives its budget', async () => {
  const world = await createRealWorld({ seed: 3, bind: { host: '127.0.0.1', port: 0 } });
  try {
    await assert.rejects(world.drive(new Promise(() => undefined), 20), RealTimeBudgetError);
    assert.equal(await world.drive(Promise.resolve(7), 1000), 7);
  } finally {
    await world.close();
  }
});

test('a profile written from the device side is mirrored for the proxy facing it', () => {
  assert.deepEqual(asSeenByProxy({ inbound: { loss: 1 } }), { outbound: { loss: 1 } });
  assert.deepEqual(asSeenByProxy({ outbound: { delayMs: 5 }, natRebindEveryMs: 9 }), { natRebindEveryMs: 9, inbound: { delayMs: 5 } });
});

test('a taken port is an error naming it, and nothing is left open', async () => {
  const holder = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  try {
    await assert.rejects(createRealWorld({ seed: 4, bind: { host: '127.0.0.1', port: holder.local.port } }), /in use|EADDRINUSE/i);
  } finally {
    await holder.close();
  }
});
