/** NodeDtlsSession: node-dtls-client 2.0.3 as the standalone client's DTLS, against the harness's server on loopback. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { coapGet } from '../../../harness/dtls/testing/coap-responder.ts';
import { INTEROP_IDENTITY, INTEROP_KEY, udpDtlsServer } from '../../../harness/dtls/testing/udp-server.ts';
import { NodeDtlsSession, NodeDtlsSessionError } from './node-dtls-session.ts';

test('sends queued before the handshake go out once it completes, and the answer comes back from the peer', async () => {
  const server = await udpDtlsServer();
  const peer = { address: '127.0.0.1', port: server.port };
  const lines: string[] = [];
  const session = new NodeDtlsSession(peer, { identity: INTEROP_IDENTITY, key: Buffer.from(INTEROP_KEY, 'utf8') }, (l) => lines.push(l));
  try {
    const answer = new Promise<{ data: Buffer; from: { address: string; port: number } }>((resolve) => session.onMessage((data, from) => resolve({ data, from })));
    await session.send(coapGet('rd'));
    const { data, from } = await answer;
    assert.ok(data.includes(Buffer.from('hello rd')));
    assert.deepEqual(from, peer);
    assert.deepEqual(lines, ['dtls handshake complete (node-dtls-client)']);
    assert.ok(!inspect(session).includes(Buffer.from(INTEROP_KEY).toString('hex')) && !inspect(session).includes(INTEROP_KEY), 'printing shows no key');
  } finally {
    await session.close();
    await session.close();
    await server.close();
  }
});

test('a wrong key rejects the waiting send with a typed error, and a closed session refuses sends', async () => {
  const server = await udpDtlsServer();
  const session = new NodeDtlsSession({ address: '127.0.0.1', port: server.port }, { identity: INTEROP_IDENTITY, key: Buffer.from('wrong-key-wrong-', 'utf8') });
  try {
    await assert.rejects(session.send(coapGet('rd')), (e: unknown) => e instanceof NodeDtlsSessionError && /ended/.test(e.message));
    assert.equal(server.server.stats().handshakesCompleted, 0);
  } finally {
    await session.close();
    await server.close();
  }
  await assert.rejects(session.send(coapGet('rd')), NodeDtlsSessionError);
});
