import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dtls } from 'node-dtls-client';
import type { CipherSuiteName } from './ciphers/suites.ts';
import { coapGet } from './testing/coap-responder.ts';
import { INTEROP_IDENTITY, INTEROP_KEY, udpDtlsServer } from './testing/udp-server.ts';

/*
 * node-dtls-client 2.0.3 (the emulated client's DTLS library; declares node >= 22, works on 20) against our
 * server over real UDP on 127.0.0.1: handshake with each suite, one CoAP request and its answer.
 */
for (const suite of ['TLS_PSK_WITH_AES_128_CCM_8', 'TLS_PSK_WITH_AES_128_CBC_SHA256'] as CipherSuiteName[]) {
  test(`node-dtls-client completes a ${suite} handshake and exchanges a CoAP message`, async () => {
    const server = await udpDtlsServer({ identityHint: 'lwm2m-hil-server' });
    const socket = dtls.createSocket({
      type: 'udp4', address: '127.0.0.1', port: server.port, timeout: 10_000,
      psk: { [INTEROP_IDENTITY]: INTEROP_KEY }, ciphers: [suite],
    });
    try {
      const answer = await new Promise<Buffer>((resolve, reject) => {
        socket.on('error', reject);
        socket.on('connected', () => socket.send(coapGet('rd')));
        socket.on('message', (message: Buffer) => resolve(message));
      });
      assert.ok(answer.includes(Buffer.from('hello rd')), 'the CoAP answer came back through the session');
      assert.equal(answer[1], 0x45, 'code 2.05');
      const complete = server.events.find((e) => e.name === 'handshakeComplete')?.event as { cipherSuite: string; identity: string } | undefined;
      assert.equal(complete?.cipherSuite, suite);
      assert.equal(complete?.identity, INTEROP_IDENTITY);
    } finally {
      await new Promise<void>((resolve) => socket.close(() => resolve()));
      await server.close();
    }
  });
}

test('node-dtls-client with a wrong key does not get a session', async () => {
  const server = await udpDtlsServer();
  const socket = dtls.createSocket({
    type: 'udp4', address: '127.0.0.1', port: server.port, timeout: 10_000,
    psk: { [INTEROP_IDENTITY]: 'wrong-key-wrong-' },
  });
  try {
    const outcome = await new Promise<string>((resolve) => {
      socket.on('connected', () => resolve('connected'));
      socket.on('error', () => resolve('error'));
      socket.on('close', () => resolve('closed'));
    });
    assert.notEqual(outcome, 'connected');
    assert.equal(server.server.stats().handshakesCompleted, 0);
    assert.deepEqual(server.events.filter((e) => e.name === 'handshakeFailed').map((e) => (e.event as { reason: string }).reason), ['bad-record-mac']);
  } finally {
    await new Promise<void>((resolve) => {
      try {
        socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
    await server.close();
  }
});
