import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContentType } from './constants.ts';
import { IDENTITY, nextMessage, simDtls } from './testing/sim-setup.ts';
import { HandshakeFailedError } from './errors.ts';

test('SEC-002: a recorded client record replayed into the server is dropped as a replay and counted', async () => {
  const sim = simDtls();
  try {
    const client = sim.client();
    await sim.clock.runUntil(client.connect(sim.server.local));
    const received: string[] = [];
    sim.server.onMessage((data) => received.push(data.toString()));
    await client.send(Buffer.from('register'), sim.server.local);
    await sim.clock.runUntil(sim.clock.sleep(1));
    const record = sim.server.faults.lastRecord(client.local, { direction: 'inbound', type: ContentType.applicationData });
    assert.ok(record, 'the protected record was recorded');
    assert.ok(!record.bytes.includes(Buffer.from('register')), 'recorded as ciphertext');
    sim.server.faults.replayToServer(record);
    await sim.clock.runUntil(sim.clock.sleep(1));
    assert.deepEqual(received, ['register'], 'delivered once, never twice');
    assert.equal(sim.server.stats().dropped.replayed, 1);
    const dropped = sim.events.filter((e) => e.name === 'recordDropped').map((e) => (e.event as { reason: string }).reason);
    assert.deepEqual(dropped, ['replayed']);
  } finally {
    await sim.close();
  }
});

test('SEC-002 toward the client: a replayed server record is refused by a correct client, accepted by a faulty one', async () => {
  for (const acceptReplays of [false, true]) {
    const sim = simDtls();
    try {
      const client = sim.client({ acceptReplays });
      await sim.clock.runUntil(client.connect(sim.server.local));
      const received: string[] = [];
      client.onMessage((data) => received.push(data.toString()));
      await sim.server.send(Buffer.from('read /3/0'), client.local);
      await sim.clock.runUntil(sim.clock.sleep(1));
      const record = sim.server.faults.lastRecord(client.local, { direction: 'outbound', type: ContentType.applicationData });
      assert.ok(record);
      await sim.server.faults.replayToClient(record);
      await sim.clock.runUntil(sim.clock.sleep(1));
      assert.deepEqual(received, acceptReplays ? ['read /3/0', 'read /3/0'] : ['read /3/0']);
      assert.equal(client.dropped().replayed, acceptReplays ? undefined : 1);
    } finally {
      await sim.close();
    }
  }
});

test('DI-001: a flipped bit in an incoming record is dropped as bad-mac; the session survives', async () => {
  const sim = simDtls();
  try {
    const client = sim.client();
    await sim.clock.runUntil(client.connect(sim.server.local));
    const received: string[] = [];
    sim.server.onMessage((data) => received.push(data.toString()));
    sim.server.faults.flipBit({ direction: 'inbound', peer: client.local });
    await client.send(Buffer.from('tampered'), sim.server.local);
    await client.send(Buffer.from('intact'), sim.server.local);
    await sim.clock.runUntil(sim.clock.sleep(1));
    assert.deepEqual(received, ['intact']);
    assert.equal(sim.server.stats().dropped['bad-mac'], 1);
    assert.ok(sim.server.sessionFor(client.local), 'a bad record does not end the session');
  } finally {
    await sim.close();
  }
});

test('DI-001 toward the client: a flipped outgoing record is dropped by the client', async () => {
  const sim = simDtls();
  try {
    const client = sim.client();
    await sim.clock.runUntil(client.connect(sim.server.local));
    const received: string[] = [];
    client.onMessage((data) => received.push(data.toString()));
    const faults: string[] = [];
    sim.server.faults.onFault((f) => faults.push(f.kind));
    sim.server.faults.flipBit({ direction: 'outbound' });
    await sim.server.send(Buffer.from('write /1/0/1'), client.local);
    await sim.clock.runUntil(sim.clock.sleep(1));
    assert.deepEqual(received, []);
    assert.equal(client.dropped()['bad-mac'], 1);
    assert.deepEqual(faults, ['bit-flipped']);
  } finally {
    await sim.close();
  }
});

test('dropped server flights are recovered by retransmission on the RFC 6347 timers (1 s, then doubled)', async () => {
  const sim = simDtls();
  try {
    const client = sim.client();
    sim.server.faults.dropNextFlight(); // ServerHello..ServerHelloDone: both timers fire after 1 s
    let startedAt = sim.clock.now();
    await sim.clock.runUntil(client.connect(sim.server.local));
    assert.equal(sim.clock.now() - startedAt, 1000, 'virtual time, so exact');
    assert.ok(sim.server.sessionFor(client.local));

    // Lose the ServerHello flight and then the final ChangeCipherSpec+Finished flight: the client's
    // second flight is resent after 1 s, and the server answers it with its final flight again.
    sim.server.faults.dropNextFlight();
    sim.server.faults.dropNextFlight();
    startedAt = sim.clock.now();
    await sim.clock.runUntil(client.connect(sim.server.local));
    assert.equal(sim.clock.now() - startedAt, 2000);
  } finally {
    await sim.close();
  }
});

test('AT-001: with the wrong-key fault the server proves a wrong key and a correct client aborts', async () => {
  const sim = simDtls();
  try {
    sim.server.faults.wrongKeyFor(IDENTITY);
    const client = sim.client();
    await assert.rejects(sim.clock.runUntil(client.connect(sim.server.local)), (error: unknown) => {
      assert.ok(error instanceof HandshakeFailedError);
      assert.equal(error.context['reason'], 'bad-record-mac', 'the client could not open the server Finished');
      return true;
    });
    await sim.clock.runUntil(sim.clock.sleep(1));
    const failed = sim.events.find((e) => e.name === 'handshakeFailed')?.event;
    assert.deepEqual(failed, { peer: client.local, reason: 'peer-rejected-wrong-key' });
    assert.equal(sim.server.sessionFor(client.local), undefined);
    // Cleared, the same identity connects again.
    sim.server.faults.clearWrongKey(IDENTITY);
    await sim.clock.runUntil(client.connect(sim.server.local));
    assert.ok(sim.server.sessionFor(client.local));
    const echoed = nextMessage(sim.server);
    await client.send(Buffer.from('ok'), sim.server.local);
    assert.equal((await sim.clock.runUntil(echoed)).data.toString(), 'ok');
  } finally {
    await sim.close();
  }
});

test('unknown epoch records are dropped and counted', async () => {
  const sim = simDtls();
  try {
    const client = sim.client();
    await sim.clock.runUntil(client.connect(sim.server.local));
    const record = sim.server.faults.lastRecord(client.local, { direction: 'inbound' });
    assert.ok(record);
    const forged = Buffer.from(record.bytes);
    forged.writeUInt16BE(7, 3); // epoch 7
    sim.server.faults.replayToServer({ ...record, bytes: forged });
    await sim.clock.runUntil(sim.clock.sleep(1));
    assert.equal(sim.server.stats().dropped['unknown-epoch'], 1);
  } finally {
    await sim.close();
  }
});
