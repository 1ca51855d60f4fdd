import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RealClock } from '../clock/real-clock.ts';
import { UdpTransport } from '../net/udp-transport.ts';
import { Random } from '../random.ts';
import { CoapEndpoint } from './endpoint.ts';

test('request/response with Block2 over real loopback UDP', async () => {
  const clock = new RealClock();
  const serverTransport = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const clientTransport = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const server = new CoapEndpoint({ transport: serverTransport, clock, random: new Random(1) });
  const client = new CoapEndpoint({ transport: clientTransport, clock, random: new Random(2) });
  try {
    server.setRequestHandler((req) => ({ code: '2.05', contentFormat: 0, payload: Buffer.from(`${req.path.join('/')} `.repeat(500)) }));
    const response = await client.request(serverTransport.local, { method: 'GET', path: ['3', '0', '0'] }, { timeoutMs: 10_000 });
    assert.equal(response.code, '2.05');
    assert.equal(response.payload.toString(), '3/0/0 '.repeat(500));
    assert.equal(response.contentFormat, 0);
  } finally {
    client.close();
    server.close();
    await clientTransport.close();
    await serverTransport.close();
  }
});
