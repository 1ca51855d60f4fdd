import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContentType, EMPTY_RENEGOTIATION_INFO_SCSV, ExtensionType, HandshakeType } from './constants.ts';
import { encodeWhole, parseFragments } from './handshake-fragments.ts';
import type { ClientHello } from './messages.ts';
import { encodeClientHello, parseHelloVerifyRequest, parseServerHello } from './messages.ts';
import { encodeRecord, parseDatagram } from './record.ts';
import { findExtension } from './extensions.ts';
import { simDtls } from './testing/sim-setup.ts';

/** Sends a raw ClientHello (and its cookie round) and returns the server's ServerHello. */
async function serverHelloFor(hello: Omit<ClientHello, 'cookie'>): Promise<ReturnType<typeof parseServerHello>> {
  const sim = simDtls();
  try {
    const raw = sim.network.bind({ address: 'raw-client' });
    const replies: Buffer[] = [];
    raw.onMessage((data) => replies.push(data));
    const send = async (cookie: Buffer, messageSeq: number, sequence: number): Promise<void> => {
      const body = encodeClientHello({ ...hello, cookie });
      const fragment = encodeWhole({ type: HandshakeType.clientHello, messageSeq, body });
      await raw.send(encodeRecord({ type: ContentType.handshake, version: 0xfefd, epoch: 0, sequence, fragment }), sim.server.local);
      await sim.clock.runUntil(sim.clock.sleep(1));
    };
    await send(Buffer.alloc(0), 0, 0);
    const verify = parseFragments(parseDatagram(replies.shift() ?? Buffer.alloc(0)).records[0]?.fragment ?? Buffer.alloc(0))[0];
    assert.equal(verify?.type, HandshakeType.helloVerifyRequest);
    await send(Buffer.from(parseHelloVerifyRequest(verify.data).cookie), 1, 1);
    const first = parseDatagram(replies.shift() ?? Buffer.alloc(0)).records[0];
    assert.ok(first, 'the server answered the second hello');
    assert.ok(first.sequence > 0, 'after the HelloVerifyRequest the server does not reuse its record number');
    const serverHello = parseFragments(first.fragment)[0];
    assert.equal(serverHello?.type, HandshakeType.serverHello);
    assert.equal(serverHello.messageSeq, 1, 'the server numbers its messages from the hello it answers');
    return parseServerHello(serverHello.data);
  } finally {
    await sim.close();
  }
}

const base = { version: 0xfefd, random: Buffer.alloc(32, 3), sessionId: Buffer.alloc(0), compressionMethods: [0] };

test('renegotiation_info: the SCSV alone gets an empty renegotiation_info back (OpenSSL 3 requires it)', async () => {
  const hello = await serverHelloFor({ ...base, cipherSuites: [0xc0a8, EMPTY_RENEGOTIATION_INFO_SCSV], extensions: [] });
  assert.deepEqual(findExtension(hello.extensions, ExtensionType.renegotiationInfo)?.data, Buffer.from([0]));
  assert.equal(findExtension(hello.extensions, ExtensionType.extendedMasterSecret), undefined, 'EMS only when offered');
});

test('renegotiation_info and EMS extensions offered are both answered; neither offered, neither sent', async () => {
  const offered = await serverHelloFor({
    ...base, cipherSuites: [0x00ae],
    extensions: [{ type: ExtensionType.renegotiationInfo, data: Buffer.from([0]) }, { type: ExtensionType.extendedMasterSecret, data: Buffer.alloc(0) }],
  });
  assert.equal(offered.cipherSuite, 0x00ae);
  assert.deepEqual(offered.extensions.map((e) => e.type).sort(), [ExtensionType.extendedMasterSecret, ExtensionType.renegotiationInfo].sort());
  const plain = await serverHelloFor({ ...base, cipherSuites: [0xc0a8], extensions: [] });
  assert.deepEqual(plain.extensions, []);
});
