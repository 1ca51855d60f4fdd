import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextMessage, simDtls } from './testing/sim-setup.ts';

test('with 20% loss both ways, 20 handshakes complete through retransmission (fixed seed)', async () => {
  const sim = simDtls({ seed: 20240601 });
  try {
    const loss = { outbound: { loss: 0.2 }, inbound: { loss: 0.2 } };
    let retransmitted = 0;
    for (let i = 0; i < 20; i++) {
      // A generous flight budget: at 20% loss each way a round trip fails ~36% of the time.
      const client = sim.client({ shaping: loss, maxTransmissions: 12 });
      const startedAt = sim.clock.now();
      const session = await sim.clock.runUntil(client.connect(sim.server.local), { maxVirtualMs: 30 * 60_000 });
      if (sim.clock.now() > startedAt) retransmitted++;
      assert.equal(session.cipherSuite, 'TLS_PSK_WITH_AES_128_CCM_8');
      // The server may still be waiting for the client's Finished if it was lost: let it settle.
      await sim.clock.runUntil(sim.clock.sleep(120_000));
      assert.ok(sim.server.sessionFor(client.local), `handshake ${i} is established at the server too`);
      // A bounded exchange on the session: the client retries its datagram a few times under loss.
      const arrived = nextMessage(sim.server);
      let delivered = false;
      void arrived.then(() => { delivered = true; });
      for (let attempt = 0; attempt < 20 && !delivered; attempt++) {
        await client.send(Buffer.from(`hello ${i}`), sim.server.local);
        await sim.clock.runUntil(sim.clock.sleep(10));
      }
      assert.equal((await arrived).data.toString(), `hello ${i}`);
    }
    assert.ok(retransmitted > 0, 'the loss actually forced retransmissions');
    assert.equal(sim.server.stats().handshakesCompleted, 20);
  } finally {
    await sim.close();
  }
});
