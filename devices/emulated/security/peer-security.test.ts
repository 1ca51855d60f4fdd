/**
 * Security per peer, as the Security objects say: which peers get DTLS with which PSK, which get plain CoAP,
 * and what the emulated device's factory /0 holds for a coaps:// account (the truth of its Security object).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createVirtualWorld } from '../../../harness/engine/virtual-world.ts';
import { InputError } from '../../../harness/errors.ts';
import { EmulatedDevice } from '../emulated-device.ts';
import { ObjectTree } from '../objects/object-tree.ts';
import { createSecurityInstance, SecurityModeValue, SecurityResource } from '../objects/security.ts';
import { builtinRegistry } from '../../../harness/lwm2m/model/registry.ts';
import { simDtls, IDENTITY, KEY } from '../../../harness/dtls/testing/sim-setup.ts';
import { PeerSecurityTransport } from './peer-security-transport.ts';
import { securityForPeer, type PeerSecurity } from './peer-security.ts';
import type { Endpoint } from '../../../harness/net/transport.ts';

function treeWith(...instances: ReturnType<typeof createSecurityInstance>[]): ObjectTree {
  const tree = new ObjectTree(builtinRegistry(), new Map(), new Set());
  for (const i of instances) tree.add(i);
  return tree;
}

test('securityForPeer reads the Security instance that names the peer', () => {
  const key = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
  const tree = treeWith(
    createSecurityInstance(0, { serverUri: 'coaps://dm.example:5684', securityMode: SecurityModeValue.PSK, pskIdentity: Buffer.from('ep-1'), secretKey: key, shortServerId: 1 }),
    createSecurityInstance(1, { serverUri: 'coap://bs.example:5783', bootstrapServer: true }),
    createSecurityInstance(2, { serverUri: 'coaps://rpk.example', securityMode: SecurityModeValue.RPK, shortServerId: 2 }),
    createSecurityInstance(3, { serverUri: 'coaps://empty.example:5684', securityMode: SecurityModeValue.PSK, shortServerId: 3 }),
  );
  const psk = securityForPeer(tree, { address: 'dm.example', port: 5684 });
  assert.equal(psk?.mode, 'psk');
  assert.deepEqual(psk?.mode === 'psk' ? [psk.psk.identity, psk.psk.key.toString('hex')] : [], ['ep-1', key.toString('hex')]);
  assert.deepEqual(securityForPeer(tree, { address: 'bs.example', port: 5783 }), { mode: 'nosec' });
  assert.equal(securityForPeer(tree, { address: 'download.example', port: 5683 }), undefined, 'a peer no account names');
  assert.throws(() => securityForPeer(tree, { address: 'rpk.example', port: 5684 }), (e: unknown) => e instanceof InputError && /RPK/.test(e.message) && /PSK only/.test(e.message));
  assert.throws(() => securityForPeer(tree, { address: 'empty.example', port: 5684 }), (e: unknown) => e instanceof InputError && /without a PSK identity and key/.test(e.message));
});

test('the router keeps one DTLS session per coaps peer and sends everything else in clear', async () => {
  const dtls = simDtls();
  const { clock, network, server } = dtls;
  try {
    const plainPeer = network.bind({ address: 'plain', port: 5683 });
    const device = network.bind({ address: 'device', port: 40000 });
    const plainSeen: Buffer[] = [];
    plainPeer.onMessage((data, from) => {
      plainSeen.push(data);
      void plainPeer.send(Buffer.from(`plain-echo:${data.toString()}`), from);
    });
    server.onMessage((data, from) => void server.send(Buffer.from(`dtls-echo:${data.toString()}`), from));
    let security: PeerSecurity = { mode: 'psk', psk: { identity: IDENTITY, key: KEY } };
    const table = (peer: Endpoint): PeerSecurity | undefined => (peer.address === 'server' ? security : peer.address === 'plain' ? { mode: 'nosec' } : undefined);
    const lines: string[] = [];
    const router = new PeerSecurityTransport({ inner: device, clock, securityFor: table, faults: new Set(), onEvent: (l) => lines.push(l) });
    const received: string[] = [];
    router.onMessage((data) => received.push(data.toString()));

    await clock.runUntil(router.send(Buffer.from('hello-secure'), server.local));
    await clock.runUntil(router.send(Buffer.from('hello-plain'), plainPeer.local));
    await clock.runUntil(new Promise<void>((resolve) => clock.setTimeout(resolve, 1000)));
    assert.deepEqual(received.sort(), ['dtls-echo:hello-secure', 'plain-echo:hello-plain']);
    assert.deepEqual(plainSeen.map((b) => b.toString()), ['hello-plain'], 'the plain peer got plain CoAP bytes only');
    assert.equal(dtls.events.filter((e) => e.name === 'handshakeComplete').length, 1);
    assert.ok(lines.some((l) => l.startsWith('dtls handshake complete')), lines.join('\n'));

    // A bootstrap wrote other credentials: the next send sets up a new session with them (the old one is closed).
    dtls.credentials.set('second-identity', KEY);
    security = { mode: 'psk', psk: { identity: 'second-identity', key: KEY } };
    await clock.runUntil(router.send(Buffer.from('again'), server.local));
    await clock.runUntil(new Promise<void>((resolve) => clock.setTimeout(resolve, 1000)));
    const completed = dtls.events.filter((e) => e.name === 'handshakeComplete').map((e) => (e.event as { identity?: string }).identity);
    assert.deepEqual(completed, [IDENTITY, 'second-identity']);
    assert.ok(received.includes('dtls-echo:again'));
    assert.ok(!JSON.stringify(router).includes(KEY.toString('hex')), 'the printed router shows no key');
    await router.close();
  } finally {
    await dtls.close();
  }
});

test('the emulated device holds its coaps account in /0 as PSK mode with its identity, and NoSec for coap', async () => {
  const world = await createVirtualWorld({ seed: 3 });
  try {
    const secureServer = world.env.secureServer;
    assert.ok(secureServer);
    for (const [server, mode] of [[secureServer, SecurityModeValue.PSK], [world.env.server, SecurityModeValue.NOSEC]] as const) {
      const device = new EmulatedDevice({ endpoint: 'sec-object-1' });
      await world.drive(device.start({ ...world.env, server }), 1000);
      const account = device.emulatedClient?.deviceObjects.tree.instances(0).find((i) => i.read(SecurityResource.BOOTSTRAP_SERVER) === false);
      assert.equal(account?.read(SecurityResource.SERVER_URI), server.uri);
      assert.equal(account?.read(SecurityResource.SECURITY_MODE), mode);
      const identity = account?.read(SecurityResource.PSK_IDENTITY);
      assert.equal(Buffer.isBuffer(identity) ? identity.toString() : identity, mode === SecurityModeValue.PSK ? 'sec-object-1' : '');
      await world.drive(device.stop(), 1000);
    }
  } finally {
    await world.close();
  }
});
