/**
 * DTLS benchmark on loopback UDP (127.0.0.1): full PSK handshakes per second (cookie exchange, CCM_8, EMS),
 * resumed handshakes per second, and protected records per second for each suite (one-way, client to
 * server, counted on arrival). Bounded counts; results are rates, never asserted on.
 */
import { performance } from 'node:perf_hooks';
import { RealClock } from '../harness/clock/real-clock.ts';
import { UdpTransport } from '../harness/net/udp-transport.ts';
import type { CipherSuiteName } from '../harness/dtls/ciphers/suites.ts';
import { DtlsClientTransport } from '../harness/dtls/dtls-client-transport.ts';
import { DtlsServerTransport } from '../harness/dtls/dtls-server-transport.ts';
import { PskStore } from '../harness/dtls/psk-store.ts';

const HANDSHAKES = 200;
const RECORDS = 5000;
const WINDOW = 64; // records in flight at once, so loopback buffers never overflow
const IDENTITY = 'bench';
const KEY = Buffer.from('00112233445566778899aabbccddeeff', 'hex');

async function pair(suite: CipherSuiteName): Promise<{ server: DtlsServerTransport; client: DtlsClientTransport }> {
  const clock = new RealClock();
  const server = new DtlsServerTransport({
    inner: await UdpTransport.open({ address: '127.0.0.1', port: 0 }), clock,
    credentials: new PskStore([[IDENTITY, KEY]]), cipherSuites: [suite],
  });
  const client = new DtlsClientTransport({
    inner: await UdpTransport.open({ address: '127.0.0.1', port: 0 }), clock, identity: IDENTITY, key: KEY, cipherSuites: [suite],
  });
  return { server, client };
}

async function handshakes(resume: boolean): Promise<number> {
  const { server, client } = await pair('TLS_PSK_WITH_AES_128_CCM_8');
  try {
    await client.connect(server.local);
    const started = performance.now();
    for (let i = 0; i < HANDSHAKES; i++) await client.connect(server.local, { resume });
    return HANDSHAKES / ((performance.now() - started) / 1000);
  } finally {
    await client.close();
    await server.close();
  }
}

async function records(suite: CipherSuiteName): Promise<number> {
  const { server, client } = await pair(suite);
  try {
    await client.connect(server.local);
    const payload = Buffer.alloc(64, 0x42);
    let received = 0;
    let wake: (() => void) | undefined;
    server.onMessage(() => {
      received++;
      wake?.();
    });
    const started = performance.now();
    let sent = 0;
    // Stop-and-wait in windows: send a window, wait for most of it (loopback may still drop a few).
    for (let round = 0; sent < RECORDS && round < RECORDS; round++) {
      const batch = Math.min(WINDOW, RECORDS - sent);
      await Promise.all(Array.from({ length: batch }, () => client.send(payload, server.local)));
      sent += batch;
      const target = sent - 2;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        wake = () => {
          if (received >= target) {
            clearTimeout(timer);
            resolve();
          }
        };
        wake();
      });
    }
    return received / ((performance.now() - started) / 1000);
  } finally {
    await client.close();
    await server.close();
  }
}

export async function run(): Promise<Record<string, number>> {
  return {
    fullHandshakesPerSecond: Math.round(await handshakes(false)),
    resumedHandshakesPerSecond: Math.round(await handshakes(true)),
    ccm8RecordsPerSecond: Math.round(await records('TLS_PSK_WITH_AES_128_CCM_8')),
    cbcSha256RecordsPerSecond: Math.round(await records('TLS_PSK_WITH_AES_128_CBC_SHA256')),
  };
}
