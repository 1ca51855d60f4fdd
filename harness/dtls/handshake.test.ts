import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IDENTITY, nextMessage, simDtls } from './testing/sim-setup.ts';
import { HandshakeFailedError, NoSessionError } from './errors.ts';

for (const suite of ['TLS_PSK_WITH_AES_128_CCM_8', 'TLS_PSK_WITH_AES_128_CBC_SHA256'] as const) {
  test(`${suite}: cookie exchange, PSK handshake with EMS, application data both ways`, async () => {
    const sim = simDtls();
    try {
      const client = sim.client({ cipherSuites: [suite] });
      const startedAt = sim.clock.now();
      const session = await sim.clock.runUntil(client.connect(sim.server.local));
      assert.equal(sim.clock.now() - startedAt, 0, 'on a perfect network no flight needs a retransmission (virtual time)');
      assert.equal(session.cipherSuite, suite);
      assert.equal(session.extendedMasterSecret, true);
      assert.equal(session.resumed, false);
      const info = sim.server.sessionFor(client.local);
      assert.equal(info?.identity, IDENTITY);
      assert.equal(info?.cipherSuite, suite);
      assert.equal(sim.server.stats().helloVerifyRequests, 1, 'every new handshake goes through a cookie');

      const atServer = nextMessage(sim.server);
      await client.send(Buffer.from('ping'), sim.server.local);
      const got = await sim.clock.runUntil(atServer);
      assert.equal(got.data.toString(), 'ping');
      assert.deepEqual(got.from, client.local);
      const atClient = nextMessage(client);
      await sim.server.send(Buffer.from('pong'), client.local);
      assert.equal((await sim.clock.runUntil(atClient)).data.toString(), 'pong');
      assert.deepEqual(sim.events.filter((e) => e.name === 'handshakeComplete').map((e) => e.event), [
        { peer: client.local, identity: IDENTITY, cipherSuite: suite, resumed: false, extendedMasterSecret: true },
      ]);
    } finally {
      await sim.close();
    }
  });
}

test('without EMS offered the classic master secret is used; an identity hint is passed to the client', async () => {
  const sim = simDtls({ identityHint: 'lwm2m-hil' });
  try {
    const client = sim.client({ extendedMasterSecret: false });
    const session = await sim.clock.runUntil(client.connect(sim.server.local));
    assert.equal(session.extendedMasterSecret, false);
    assert.equal(session.identityHint, 'lwm2m-hil');
    assert.equal(sim.server.sessionFor(client.local)?.extendedMasterSecret, false);
  } finally {
    await sim.close();
  }
});

test('the server prefers CCM_8 whatever the client order; no common suite fails the handshake', async () => {
  const sim = simDtls({ cipherSuites: ['TLS_PSK_WITH_AES_128_CCM_8'] });
  try {
    const both = sim.client({ cipherSuites: ['TLS_PSK_WITH_AES_128_CBC_SHA256', 'TLS_PSK_WITH_AES_128_CCM_8'] });
    assert.equal((await sim.clock.runUntil(both.connect(sim.server.local))).cipherSuite, 'TLS_PSK_WITH_AES_128_CCM_8');
    const cbcOnly = sim.client({ cipherSuites: ['TLS_PSK_WITH_AES_128_CBC_SHA256'] });
    await assert.rejects(sim.clock.runUntil(cbcOnly.connect(sim.server.local)), HandshakeFailedError);
    const failed = sim.events.find((e) => e.name === 'handshakeFailed');
    assert.deepEqual(failed?.event, { peer: cbcOnly.local, reason: 'no-common-cipher-suite' });
  } finally {
    await sim.close();
  }
});

test('session resumption: an abbreviated handshake by session id, reported as resumed', async () => {
  const sim = simDtls();
  try {
    const client = sim.client();
    await sim.clock.runUntil(client.connect(sim.server.local));
    const before = sim.server.stats().helloVerifyRequests;
    const serverDone = new Promise<boolean>((resolve) => sim.server.on('handshakeComplete', (e) => resolve(e.resumed)));
    const again = await sim.clock.runUntil(client.connect(sim.server.local, { resume: true }));
    assert.equal(await sim.clock.runUntil(serverDone), true);
    assert.equal(again.resumed, true);
    assert.equal(sim.server.sessionFor(client.local)?.resumed, true);
    assert.equal(sim.server.sessionFor(client.local)?.identity, IDENTITY);
    assert.equal(sim.server.stats().helloVerifyRequests, before + 1);
    const atServer = nextMessage(sim.server);
    await client.send(Buffer.from('after resume'), sim.server.local);
    assert.equal((await sim.clock.runUntil(atServer)).data.toString(), 'after resume');
  } finally {
    await sim.close();
  }
});

test('resumption is refused (full handshake instead) when the server has resumption off', async () => {
  const sim = simDtls({ sessionResumption: false });
  try {
    const client = sim.client();
    await sim.clock.runUntil(client.connect(sim.server.local));
    const again = await sim.clock.runUntil(client.connect(sim.server.local, { resume: true }));
    assert.equal(again.resumed, false);
  } finally {
    await sim.close();
  }
});

test('an unknown identity gets a fatal unknown_psk_identity alert; a wrong key fails on the Finished', async () => {
  const sim = simDtls();
  try {
    const stranger = sim.client({ identity: 'nobody' });
    await assert.rejects(sim.clock.runUntil(stranger.connect(sim.server.local)), /fatal-alert-received:115/);
    const wrongKey = sim.client({ key: Buffer.alloc(16, 0xee) });
    await assert.rejects(sim.clock.runUntil(wrongKey.connect(sim.server.local)), HandshakeFailedError);
    const failures = sim.events.filter((e) => e.name === 'handshakeFailed').map((e) => e.event);
    assert.deepEqual(failures, [
      { peer: stranger.local, reason: 'unknown-psk-identity' },
      { peer: wrongKey.local, reason: 'bad-record-mac' },
    ]);
    assert.equal(sim.server.sessionFor(wrongKey.local), undefined);
    assert.equal(sim.server.stats().handshakesFailed, 2);
  } finally {
    await sim.close();
  }
});

test('send() without a session is a typed error; close_notify ends the session on both sides', async () => {
  const sim = simDtls();
  try {
    const client = sim.client();
    await assert.rejects(sim.server.send(Buffer.from('x'), { address: 'client-9', port: 1 }), NoSessionError);
    await sim.clock.runUntil(client.connect(sim.server.local));
    const closed = new Promise<string>((resolve) => sim.server.on('sessionClosed', (e) => resolve(e.reason)));
    await client.disconnect();
    assert.equal(await sim.clock.runUntil(closed), 'close-notify-received');
    assert.equal(sim.server.sessionFor(client.local), undefined);
    await assert.rejects(sim.server.send(Buffer.from('x'), client.local), NoSessionError);
    // Server-initiated close: the client hears close_notify and answers it.
    await sim.clock.runUntil(client.connect(sim.server.local));
    const clientClosed = new Promise<string>((resolve) => client.on('sessionClosed', (e) => resolve(e.reason)));
    await sim.server.closeSession(client.local);
    assert.equal(await sim.clock.runUntil(clientClosed), 'close-notify-received');
    assert.equal(client.established, false);
    // The client's answering close_notify finds no session at the server any more: dropped, counted.
    await sim.clock.runUntil(sim.clock.sleep(1));
    assert.equal(sim.server.stats().dropped['no-session'], 1);
    const alerts = sim.events.filter((e) => e.name === 'alert').map((e) => (e.event as { direction: string; name: string }));
    assert.deepEqual(alerts.map((a) => `${a.direction} ${a.name}`), [
      'received close_notify(0)', 'sent close_notify(0)', 'sent close_notify(0)',
    ]);
  } finally {
    await sim.close();
  }
});

test('a new ClientHello from a peer with a session starts a new handshake that replaces the session', async () => {
  const sim = simDtls();
  try {
    const client = sim.client();
    await sim.clock.runUntil(client.connect(sim.server.local));
    await sim.clock.runUntil(client.connect(sim.server.local));
    assert.equal(sim.server.stats().handshakesCompleted, 2);
    assert.equal(sim.server.sessions().length, 1);
    const atServer = nextMessage(sim.server);
    await client.send(Buffer.from('new session'), sim.server.local);
    assert.equal((await sim.clock.runUntil(atServer)).data.toString(), 'new session');
  } finally {
    await sim.close();
  }
});

test('records from a peer without a session, and garbage, are dropped and counted', async () => {
  const sim = simDtls();
  try {
    const raw = sim.network.bind({ address: 'stranger' });
    await raw.send(Buffer.from('17fefd000100000000000000050102030405', 'hex'), sim.server.local);
    await raw.send(Buffer.from('not dtls'), sim.server.local);
    await sim.clock.runUntil(sim.clock.sleep(10));
    assert.deepEqual(sim.server.stats().dropped, { 'no-session': 1, malformed: 1 });
  } finally {
    await sim.close();
  }
});

test('server flights fragmented to a small datagram size are reassembled by the client', async () => {
  const sim = simDtls({ maxDatagram: 80, identityHint: 'a hint long enough to need several fragments' });
  try {
    const sent: number[] = [];
    sim.network.onDatagram((e) => {
      if (e.fate === 'sent' && e.from.address === 'server') sent.push(e.bytes.length);
    });
    const client = sim.client();
    const session = await sim.clock.runUntil(client.connect(sim.server.local));
    assert.equal(session.identityHint, 'a hint long enough to need several fragments');
    assert.ok(sent.length > 4 && sent.every((n) => n <= 80), `server datagrams: ${sent.join(',')}`);
  } finally {
    await sim.close();
  }
});
