import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { RealClock } from '../../clock/real-clock.ts';
import { DtlsServerTransport } from '../../dtls/dtls-server-transport.ts';
import { PskStore } from '../../dtls/psk-store.ts';
import { UdpTransport } from '../../net/udp-transport.ts';
import { Random } from '../../random.ts';
import { LwM2MServer } from '../server/lwm2m-server.ts';
import { startLoopbackServer } from './loopback-server.ts';

/*
 * libcoap's command-line client (Debian libcoap3-bin) as an independent CoAP peer: it sends a raw Register and
 * must get 2.01 Created with a Location-Path. At -v 6 it prints each message it receives as a summary line
 * ("v:1 t:ACK c:2.01 ... [ Location-Path:rd, Location-Path:<id> ]") on stderr.
 */
const CANDIDATES = ['/usr/bin/coap-client-notls', '/usr/local/bin/coap-client-notls'];
const binary = CANDIDATES.find((p) => existsSync(p));

function run(file: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, output: `${stdout}\n${stderr}` });
    });
  });
}

test('libcoap coap-client-notls registers with a raw POST /rd and gets 2.01 with a Location-Path', async (t) => {
  if (binary === undefined) {
    t.skip(`coap-client-notls is not installed (looked in ${CANDIDATES.join(', ')}; Debian package libcoap3-bin)`);
    return;
  }
  const { server, port, close } = await startLoopbackServer(13);
  t.after(close);
  const registered = server.waitFor('registered', (e) => e.registration.endpoint === 'libcoap', 20_000);
  const { code, output } = await run(binary, [
    '-m', 'post', '-t', '40', '-e', '</1/0>,</3/0>', '-B', '10', '-v', '6',
    `coap://127.0.0.1:${port}/rd?ep=libcoap&lt=60&lwm2m=1.0&b=U`,
  ]);
  assert.equal(code, 0, output);
  const { registration } = await registered;
  const answer = /t:ACK c:2\.01 .*\[ *Location-Path:rd, Location-Path:([^ ,\]]+)/.exec(output);
  assert.ok(answer, `no 2.01 with a Location-Path in the output:\n${output}`);
  assert.equal(answer[1], registration.id);
  assert.equal(registration.lifetime, 60);
  assert.deepEqual(registration.objectLinks.map((l) => `${l.path.objectId}/${l.path.instanceId}`), ['1/0', '3/0']);
});

const OPENSSL_CANDIDATES = ['/usr/bin/coap-client-openssl', '/usr/local/bin/coap-client-openssl'];
const opensslBinary = OPENSSL_CANDIDATES.find((p) => existsSync(p));

test('libcoap coap-client-openssl registers over DTLS PSK (coaps) with the server behind harness/dtls', async (t) => {
  if (opensslBinary === undefined) {
    t.skip(`coap-client-openssl is not installed (looked in ${OPENSSL_CANDIDATES.join(', ')}; Debian package libcoap3-bin)`);
    return;
  }
  // libcoap's -k takes the key as text; the store holds the same bytes.
  const keyText = 'interop-psk-1234';
  const clock = new RealClock();
  const dtls = new DtlsServerTransport({
    inner: await UdpTransport.open({ address: '127.0.0.1', port: 0 }), clock, credentials: new PskStore([['libcoap-psk', Buffer.from(keyText)]]),
  });
  const server = await LwM2MServer.start({ transport: dtls, clock, random: new Random(14), operationTimeoutMs: 10_000 });
  t.after(async () => {
    await server.close();
    await dtls.close();
  });
  const identities: string[] = [];
  dtls.on('handshakeComplete', (e) => identities.push(e.identity));
  const registered = server.waitFor('registered', (e) => e.registration.endpoint === 'libcoap-dtls', 20_000);
  const { code, output } = await run(opensslBinary, [
    '-m', 'post', '-t', '40', '-e', '</3/0>', '-u', 'libcoap-psk', '-k', keyText, '-B', '10', '-v', '6',
    `coaps://127.0.0.1:${dtls.local.port}/rd?ep=libcoap-dtls&lt=120&lwm2m=1.0`,
  ]);
  assert.equal(code, 0, output);
  const { registration } = await registered;
  const answer = /t:ACK c:2\.01 .*\[ *Location-Path:rd, Location-Path:([^ ,\]]+)/.exec(output);
  assert.ok(answer, `no 2.01 with a Location-Path in the output:\n${output}`);
  assert.equal(answer[1], registration.id);
  assert.deepEqual(identities, ['libcoap-psk']);
});
