import { test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { UdpTransport } from './udp-transport.ts';
import type { Endpoint } from './transport.ts';
import { PortInUseError, SendError, TransportClosedError } from './errors.ts';

function nextMessage(transport: UdpTransport): Promise<{ data: Buffer; from: Endpoint }> {
  return new Promise((resolve) => {
    const off = transport.onMessage((data, from) => {
      off();
      resolve({ data, from });
    });
  });
}

async function ipv6LoopbackAvailable(): Promise<boolean> {
  const socket = dgram.createSocket('udp6');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '::1', () => resolve());
    });
    return true;
  } catch {
    return false;
  } finally {
    try { socket.close(); } catch { /* never bound */ }
  }
}

test('UDP on 127.0.0.1: ephemeral port, round trip, sender seen with its real port', async () => {
  const a = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const b = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  try {
    assert.equal(a.family, 'udp4');
    assert.ok(a.local.port > 0);
    assert.notEqual(a.local.port, b.local.port);
    const received = nextMessage(b);
    await a.send(Buffer.from('hello'), b.local);
    const { data, from } = await received;
    assert.equal(data.toString(), 'hello');
    assert.deepEqual(from, { address: '127.0.0.1', port: a.local.port });
  } finally {
    await a.close();
    await b.close();
  }
});

test('UDP on ::1 chooses udp6 and round-trips', async (t) => {
  if (!(await ipv6LoopbackAvailable())) {
    t.skip('this machine has no IPv6 loopback (::1 cannot be bound)');
    return;
  }
  const a = await UdpTransport.open({ address: '::1', port: 0 });
  const b = await UdpTransport.open({ address: '::1', port: 0 });
  try {
    assert.equal(a.family, 'udp6');
    assert.equal(a.local.address, '::1');
    const received = nextMessage(a);
    await b.send(Buffer.from([1, 2, 3]), a.local);
    const { data, from } = await received;
    assert.deepEqual([...data], [1, 2, 3]);
    assert.deepEqual(from, { address: '::1', port: b.local.port });
  } finally {
    await a.close();
    await b.close();
  }
});

test('binding a taken port throws PortInUseError naming the endpoint', async () => {
  const a = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  try {
    await assert.rejects(UdpTransport.open({ address: '127.0.0.1', port: a.local.port }), (error: unknown) => {
      assert.ok(error instanceof PortInUseError);
      assert.equal(error.origin, 'lab');
      assert.equal(error.context['bind'], `127.0.0.1:${a.local.port}`);
      return true;
    });
  } finally {
    await a.close();
  }
});

test('a send the OS refuses becomes SendError with the destination in context', async () => {
  const a = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  try {
    // An IPv6 destination from an IPv4 socket cannot be sent.
    await assert.rejects(a.send(Buffer.from('x'), { address: '::1', port: 5683 }), (error: unknown) => {
      assert.ok(error instanceof SendError);
      assert.equal(error.context['to'], '[::1]:5683');
      return true;
    });
    await assert.rejects(a.send(Buffer.from('x'), { address: '127.0.0.1', port: 0 }), SendError);
  } finally {
    await a.close();
  }
});

test('sending to a closed port (ICMP unreachable) does not crash; the socket keeps working', async () => {
  const a = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const gone = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const b = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const deadPort = gone.local;
  await gone.close();
  try {
    for (let i = 0; i < 3; i++) await a.send(Buffer.from('nobody'), deadPort);
    const received = nextMessage(b);
    await a.send(Buffer.from('still alive'), b.local);
    assert.equal((await received).data.toString(), 'still alive');
    // Platforms that report ICMP errors as socket 'error' events: simulate one; with no listener it is only counted.
    (a as unknown as { socket: dgram.Socket }).socket.emit('error', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    assert.equal(a.socketErrors, 1);
    const again = nextMessage(b);
    await a.send(Buffer.from('and still'), b.local);
    assert.equal((await again).data.toString(), 'and still');
  } finally {
    await a.close();
    await b.close();
  }
});

test('close is idempotent and send after close is a typed error', async () => {
  const a = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  await a.close();
  await a.close();
  await assert.rejects(a.send(Buffer.from('x'), { address: '127.0.0.1', port: 9 }), TransportClosedError);
  assert.equal(a.inFlight(), 0);
});

test('a receiver that throws goes to onError and does not stop the other receivers', async () => {
  const a = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const b = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  try {
    const errors: unknown[] = [];
    b.onError((error) => errors.push(error));
    b.onMessage(() => { throw new Error('receiver bug'); });
    const received = nextMessage(b);
    await a.send(Buffer.from('x'), b.local);
    await received;
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /receiver bug/);
  } finally {
    await a.close();
    await b.close();
  }
});
