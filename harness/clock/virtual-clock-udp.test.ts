import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock, VIRTUAL_EPOCH } from './virtual-clock.ts';
import { UdpTransport } from '../net/udp-transport.ts';

// Real loopback UDP under a globally installed virtual clock: the reply must beat a 1 ms virtual timeout,
// because time only jumps once the sockets are quiet. This is the mode the emulated client runs in when it
// talks to the server over real sockets.
test('real UDP request/reply under the global virtual clock beats a 1 ms virtual timeout, 50 times', async () => {
  const clock = new VirtualClock();
  const server = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const client = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const untrack = [clock.addBusySource(server), clock.addBusySource(client)];
  try {
    server.onMessage((data, from) => void server.send(data, from));
    for (let i = 0; i < 50; i++) {
      const reply = new Promise<string>((resolve, reject) => {
        // The global setTimeout, as node-coap would call it.
        const timer = setTimeout(() => reject(new Error(`exchange ${i} timed out in virtual time`)), 1);
        const off = client.onMessage((data) => {
          clearTimeout(timer);
          off();
          resolve(data.toString());
        });
      });
      await client.send(Buffer.from(`ping ${i}`), server.local);
      assert.equal(await clock.runUntil(reply), `ping ${i}`);
    }
    assert.equal(clock.now(), VIRTUAL_EPOCH);
    await clock.runUntil(new Promise<void>((resolve) => setTimeout(resolve, 3_600_000)));
    assert.equal(clock.now(), VIRTUAL_EPOCH + 3_600_000);
  } finally {
    for (const off of untrack) off();
    await server.close();
    await client.close();
    clock.uninstall();
  }
});
