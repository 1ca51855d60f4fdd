import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import type { CipherSuiteName } from './ciphers/suites.ts';
import { INTEROP_IDENTITY, INTEROP_KEY, udpDtlsServer } from './testing/udp-server.ts';

/*
 * Interop with libcoap's command-line client over real UDP on 127.0.0.1, built on OpenSSL and on GnuTLS
 * (Debian libcoap3-bin). Measured with libcoap 4.3.1 / OpenSSL 3.0 / GnuTLS 3.7: both negotiate CCM_8 and
 * CBC_SHA256 with extended master secret. A build that refuses CBC is accepted when the server saw no
 * common suite (recorded in the test output), since that is the client's policy, not a server bug.
 */
const CLIENTS = ['coap-client-openssl', 'coap-client-gnutls'] as const;
const SUITES: CipherSuiteName[] = ['TLS_PSK_WITH_AES_128_CCM_8', 'TLS_PSK_WITH_AES_128_CBC_SHA256'];

function installed(binary: string): boolean {
  const probe = spawnSync(binary, ['-h'], { stdio: 'ignore' });
  return !(probe.error && (probe.error as NodeJS.ErrnoException).code === 'ENOENT');
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the client; the kill timeout only guards against a hung process, nothing is measured. */
function coapGet(binary: string, port: number, path: string, identity: string, key: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(binary, ['-m', 'get', '-B', '5', '-u', identity, '-k', key, `coaps://127.0.0.1:${port}/${path}`], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

for (const binary of CLIENTS) {
  for (const suite of SUITES) {
    test(`${binary} completes a ${suite} handshake and gets the CoAP answer`, async (t) => {
      if (!installed(binary)) return t.skip(`${binary} is not installed (Debian package libcoap3-bin)`);
      const dtls = await udpDtlsServer({ suites: [suite] });
      try {
        const run = await coapGet(binary, dtls.port, 'test', INTEROP_IDENTITY, INTEROP_KEY);
        const complete = dtls.events.find((e) => e.name === 'handshakeComplete');
        if (!complete && binary === 'coap-client-openssl' && suite === 'TLS_PSK_WITH_AES_128_CBC_SHA256') {
          const failed = dtls.events.find((e) => e.name === 'handshakeFailed')?.event as { reason: string } | undefined;
          assert.equal(failed?.reason, 'no-common-cipher-suite', 'a refused CBC suite must show as no common suite');
          t.diagnostic('this OpenSSL build does not offer CBC_SHA256 (expected on hardened builds)');
          return;
        }
        assert.equal(run.stdout.trim(), 'hello test', `client output: ${run.stderr}`);
        assert.deepEqual(complete?.event, {
          peer: (complete?.event as { peer: unknown }).peer, identity: INTEROP_IDENTITY, cipherSuite: suite,
          resumed: false, extendedMasterSecret: true,
        });
        // libcoap says goodbye with close_notify when it exits.
        assert.ok(dtls.events.some((e) => e.name === 'alert' && (e.event as { name: string }).name === 'close_notify(0)'));
      } finally {
        await dtls.close();
      }
    });
  }

  test(`${binary}: an identity hint is accepted; a wrong key or unknown identity fails the handshake`, async (t) => {
    if (!installed(binary)) return t.skip(`${binary} is not installed (Debian package libcoap3-bin)`);
    const dtls = await udpDtlsServer({ identityHint: 'lwm2m-hil-server' });
    try {
      assert.equal((await coapGet(binary, dtls.port, 'hinted', INTEROP_IDENTITY, INTEROP_KEY)).stdout.trim(), 'hello hinted');
      const wrongKey = await coapGet(binary, dtls.port, 'x', INTEROP_IDENTITY, 'not-the-right-key');
      assert.ok(!wrongKey.stdout.includes('hello'));
      const unknown = await coapGet(binary, dtls.port, 'x', 'stranger', INTEROP_KEY);
      assert.ok(!unknown.stdout.includes('hello'));
      const reasons = dtls.events.filter((e) => e.name === 'handshakeFailed').map((e) => (e.event as { reason: string }).reason);
      assert.deepEqual(reasons, ['bad-record-mac', 'unknown-psk-identity']);
      assert.equal(dtls.server.stats().handshakesCompleted, 1);
    } finally {
      await dtls.close();
    }
  });
}
