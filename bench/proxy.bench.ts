/**
 * UDP shaping proxy overhead on loopback (127.0.0.1): round-trip latency of sequential request/echo exchanges
 * straight to a UDP echo server (the baseline, measured in the same run) and through openUdpShapingProxy with
 * an empty profile (0% loss, no delay), and the latency the proxy adds. Bounded counts and a time cap per
 * series; results are reported, never asserted on.
 */
import dgram from 'node:dgram';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { RealClock } from '../harness/clock/real-clock.ts';
import { Random } from '../harness/random.ts';
import { openUdpShapingProxy } from '../harness/net/udp-shaping-proxy.ts';
import type { Endpoint } from '../harness/net/transport.ts';

const ROUND_TRIPS = 5000;
const WARM_UP_ROUND_TRIPS = 200;
const TIME_CAP_MS = 5000;
/** An exchange whose answer has not come back by then counts as lost (loopback should never lose one). */
const ANSWER_TIMEOUT_MS = 1000;

interface Series {
  /** Round-trip times in microseconds of the exchanges that were answered. */
  samplesUs: number[];
  lost: number;
}

/** A client socket that sends one request at a time and waits for its answer (like a CoAP exchange). */
class EchoClient {
  private waiting: { id: number; wake: () => void } | undefined;
  private nextId = 0;
  private readonly payload = Buffer.alloc(40, 1); // about the size of a small CoAP message

  private constructor(private readonly socket: dgram.Socket) {
    socket.on('message', (msg) => {
      // Matched by id, so that a late answer to an exchange given up on cannot end the next one.
      const waiting = this.waiting;
      if (!waiting || msg.length < 4 || msg.readUInt32BE(0) !== waiting.id) return;
      this.waiting = undefined;
      waiting.wake();
    });
  }

  static async open(): Promise<EchoClient> {
    const socket = dgram.createSocket('udp4');
    socket.bind(0, '127.0.0.1');
    await once(socket, 'listening');
    return new EchoClient(socket);
  }

  /** One exchange: its round-trip time in microseconds, or undefined if no answer came in time. */
  exchange(to: Endpoint): Promise<number | undefined> {
    const id = this.nextId++ >>> 0;
    this.payload.writeUInt32BE(id, 0);
    return new Promise((resolve) => {
      const started = performance.now();
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve(undefined);
      }, ANSWER_TIMEOUT_MS);
      this.waiting = {
        id,
        wake: () => {
          clearTimeout(timer);
          resolve((performance.now() - started) * 1000);
        },
      };
      this.socket.send(this.payload, to.port, to.address);
    });
  }

  close(): void {
    this.socket.close();
  }
}

async function openEchoServer(): Promise<{ local: Endpoint; close(): void }> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, rinfo) => socket.send(msg, rinfo.port, rinfo.address));
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return { local: { address: '127.0.0.1', port: socket.address().port }, close: () => socket.close() };
}

/** Warm-up exchanges (not measured), then up to ROUND_TRIPS measured ones within TIME_CAP_MS. */
async function measure(client: EchoClient, to: Endpoint): Promise<Series> {
  for (let i = 0; i < WARM_UP_ROUND_TRIPS; i++) await client.exchange(to);
  const series: Series = { samplesUs: [], lost: 0 };
  const started = performance.now();
  for (let i = 0; i < ROUND_TRIPS && performance.now() - started < TIME_CAP_MS; i++) {
    const rtt = await client.exchange(to);
    if (rtt === undefined) series.lost++;
    else series.samplesUs.push(rtt);
  }
  return series;
}

/** Nearest-rank percentile of samples (0 when there are none). */
function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

export async function run(): Promise<Record<string, number>> {
  const echo = await openEchoServer();
  const client = await EchoClient.open();
  const proxy = await openUdpShapingProxy({
    listen: { address: '127.0.0.1', port: 0 },
    target: echo.local,
    profile: {}, // a perfect link: what is measured is the proxy's own cost
    clock: new RealClock(),
    random: new Random(1),
    upstreamAddress: '127.0.0.1',
  });
  try {
    const direct = await measure(client, echo.local);
    const proxied = await measure(client, proxy.local);
    const round = (us: number): number => Math.round(us * 10) / 10;
    const directMedianUs = percentile(direct.samplesUs, 50);
    const directP99Us = percentile(direct.samplesUs, 99);
    const proxyMedianUs = percentile(proxied.samplesUs, 50);
    const proxyP99Us = percentile(proxied.samplesUs, 99);
    return {
      directMedianUs: round(directMedianUs),
      directP99Us: round(directP99Us),
      proxyMedianUs: round(proxyMedianUs),
      proxyP99Us: round(proxyP99Us),
      addedMedianUs: round(proxyMedianUs - directMedianUs),
      addedP99Us: round(proxyP99Us - directP99Us),
      directRoundTrips: direct.samplesUs.length,
      proxyRoundTrips: proxied.samplesUs.length,
      lostExchanges: direct.lost + proxied.lost,
    };
  } finally {
    await proxy.close();
    client.close();
    echo.close();
  }
}
