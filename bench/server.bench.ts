/**
 * Reference server benchmark on loopback UDP (127.0.0.1): raw Node UDP echo round trips per second (the
 * baseline, measured in the same run), LwM2M Register + Read round trips per second against LwM2MServer (a
 * scripted coap-packet client registers, then the server reads /3/0 from it), and their ratio. Bounded
 * counts and a time cap; results are rates, never asserted on.
 */
import dgram from 'node:dgram';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { RealClock } from '../harness/clock/real-clock.ts';
import { UdpTransport } from '../harness/net/udp-transport.ts';
import { Random } from '../harness/random.ts';
import { LwM2MServer } from '../harness/lwm2m/server/lwm2m-server.ts';
import { ScriptedClient } from '../harness/lwm2m/load/scripted-client.ts';
import { tlvResources } from '../harness/lwm2m/load/tlv-writer.ts';

const ECHO_ROUND_TRIPS = 5000;
const LWM2M_ROUND_TRIPS = 500;
const TIME_CAP_MS = 5000;

/** Sequential echo round trips between two dgram sockets (one in flight at a time, like a CoAP exchange). */
async function udpEchoPerSecond(): Promise<number> {
  const echo = dgram.createSocket('udp4');
  const client = dgram.createSocket('udp4');
  echo.on('message', (msg, rinfo) => echo.send(msg, rinfo.port, rinfo.address));
  echo.bind(0, '127.0.0.1');
  client.bind(0, '127.0.0.1');
  await Promise.all([once(echo, 'listening'), once(client, 'listening')]);
  const port = echo.address().port;
  const payload = Buffer.alloc(40, 1); // about the size of a small CoAP message
  try {
    const started = performance.now();
    let done = 0;
    for (; done < ECHO_ROUND_TRIPS && performance.now() - started < TIME_CAP_MS; done++) {
      const answered = once(client, 'message');
      client.send(payload, port, '127.0.0.1');
      await answered;
    }
    return done / ((performance.now() - started) / 1000);
  } finally {
    echo.close();
    client.close();
  }
}

/** Register (client -> server) then Read /3/0 (server -> client), one pair after another. */
async function registerReadPerSecond(): Promise<number> {
  const serverTransport = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const clientTransport = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const server = await LwM2MServer.start({ transport: serverTransport, clock: new RealClock(), random: new Random(7), operationTimeoutMs: 10_000 });
  const device = tlvResources([[0, 'bench'], [1, 'model'], [2, 'SN-1'], [9, 80]]);
  const client = new ScriptedClient(clientTransport, serverTransport.local, () => ({ code: '2.05', contentFormat: 11542, payload: device }));
  try {
    const started = performance.now();
    let done = 0;
    for (; done < LWM2M_ROUND_TRIPS && performance.now() - started < TIME_CAP_MS; done++) {
      const answer = await client.register('bench-ep', 300, '</1/0>,</3/0>');
      if (answer.code !== '2.01') throw new Error(`Register answered ${answer.code}`);
      const read = await server.read('bench-ep', '/3/0');
      if (read.code !== '2.05' || read.entries?.length !== 4) throw new Error(`Read answered ${read.code} ${read.decodeError ?? ''}`);
    }
    return done / ((performance.now() - started) / 1000);
  } finally {
    client.close();
    await server.close();
    await serverTransport.close();
    await clientTransport.close();
  }
}

export async function run(): Promise<Record<string, number>> {
  const udpEchoRoundTripsPerSec = await udpEchoPerSecond();
  const lwm2mRegisterReadPerSec = await registerReadPerSecond();
  return {
    udpEchoRoundTripsPerSec: Math.round(udpEchoRoundTripsPerSec),
    lwm2mRegisterReadPerSec: Math.round(lwm2mRegisterReadPerSec),
    // Each Register+Read pair is two round trips; the ratio compares pairs with single echo round trips.
    registerReadToEchoRatio: Number((lwm2mRegisterReadPerSec / udpEchoRoundTripsPerSec).toFixed(4)),
  };
}
