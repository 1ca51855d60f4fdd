import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../clock/virtual-clock.ts';
import { COOKIE_SECRET_LIFETIME_MS, CookieJar } from './cookie.ts';
import type { ClientHello } from './messages.ts';
import { encodeClientHello, parseClientHello } from './messages.ts';

function hello(overrides: Partial<ClientHello> = {}): ClientHello {
  return {
    version: 0xfefd, random: Buffer.alloc(32, 7), sessionId: Buffer.alloc(0), cookie: Buffer.alloc(0),
    cipherSuites: [0xc0a8], compressionMethods: [0], extensions: [], ...overrides,
  };
}

test('a cookie verifies for the same peer and hello, not for another address, port or random', () => {
  const clock = new VirtualClock({ installGlobally: false });
  const jar = new CookieJar(clock);
  const peer = { address: '127.0.0.1', port: 40000 };
  const cookie = jar.make(peer, hello());
  assert.equal(cookie.length, 16);
  assert.ok(jar.verify(peer, hello({ cookie })));
  assert.ok(!jar.verify({ ...peer, port: 40001 }, hello({ cookie })));
  assert.ok(!jar.verify({ ...peer, address: '127.0.0.2' }, hello({ cookie })));
  assert.ok(!jar.verify(peer, hello({ cookie, random: Buffer.alloc(32, 8) })));
  assert.ok(!jar.verify(peer, hello({ cookie, cipherSuites: [0x00ae] })));
  assert.ok(!jar.verify(peer, hello()), 'no cookie');
  // The cookie survives encoding: the hello the client sends back carries it.
  assert.ok(jar.verify(peer, parseClientHello(encodeClientHello(hello({ cookie })))));
});

test('the secret rotates on the clock: a cookie stays valid one period more, then expires', async () => {
  const clock = new VirtualClock({ installGlobally: false });
  let n = 0;
  const jar = new CookieJar(clock, () => Buffer.alloc(32, ++n));
  const peer = { address: '10.0.0.1', port: 5684 };
  const cookie = jar.make(peer, hello());
  await clock.advance(COOKIE_SECRET_LIFETIME_MS + 1);
  assert.ok(jar.verify(peer, hello({ cookie })), 'previous secret still accepted');
  assert.notDeepEqual(jar.make(peer, hello()), cookie, 'new cookies use the new secret');
  await clock.advance(COOKIE_SECRET_LIFETIME_MS);
  assert.ok(!jar.verify(peer, hello({ cookie })), 'two rotations later it is refused');
  assert.ok(!JSON.stringify(jar).includes('0101'), 'secrets are not printed');
});
