import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { PskStore } from './psk-store.ts';
import { InputError } from '../errors.ts';
import { IDENTITY, KEY, simDtls } from './testing/sim-setup.ts';

const SECRET_HEX = 'c0ffee00112233445566778899aabbcc';

function leaks(text: string): boolean {
  return text.toLowerCase().includes(SECRET_HEX) || text.includes(Buffer.from(SECRET_HEX, 'hex').toString('base64'));
}

test('PSK keys never appear in JSON, inspect, String() or errors', () => {
  const store = new PskStore([['dev1', SECRET_HEX]]);
  assert.deepEqual(store.lookup('dev1'), Buffer.from(SECRET_HEX, 'hex'));
  for (const text of [JSON.stringify(store), inspect(store, { depth: 10, showHidden: true }), String(store), JSON.stringify({ nested: { store } })]) {
    assert.ok(!leaks(text), `leaked in: ${text}`);
  }
  assert.match(inspect(store), /dev1.*redacted/);
  // A bad key is reported without echoing it.
  const badKey = SECRET_HEX.slice(0, 31);
  assert.throws(() => store.set('dev2', badKey), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.ok(!error.message.includes(badKey) && !JSON.stringify(error.context).includes(badKey));
    return true;
  });
  // Callers get copies: changing one does not change the store.
  store.lookup('dev1')?.fill(0);
  assert.deepEqual(store.lookup('dev1'), Buffer.from(SECRET_HEX, 'hex'));
});

test('no key bytes in any event, stats, printed transport or failure of a real handshake', async () => {
  const sim = simDtls();
  try {
    sim.credentials.set('dev1', SECRET_HEX);
    const client = sim.client();
    await sim.clock.runUntil(client.connect(sim.server.local));
    const stranger = sim.client({ identity: 'dev1', key: Buffer.alloc(16, 1) });
    const failure = await sim.clock.runUntil(stranger.connect(sim.server.local).catch((error: unknown) => error));
    const everything = [
      JSON.stringify(sim.events), inspect(sim.events, { depth: 10 }), JSON.stringify(sim.server.stats()),
      JSON.stringify(sim.server), inspect(sim.server, { depth: 3 }), JSON.stringify(client), JSON.stringify(sim.server.sessions()),
      inspect(failure, { depth: 10 }), JSON.stringify(sim.server.faults), inspect(client, { depth: 10 }), inspect(sim.server, { depth: 10 }),
    ].join('\n');
    assert.ok(!leaks(everything));
    assert.ok(!everything.toLowerCase().includes(KEY.toString('hex')));
    assert.ok(everything.includes(IDENTITY), 'identities are shown (they are not secret)');
    assert.ok(!inspect(sim.server, { depth: 10 }).includes('Buffer'), 'no raw buffers (master secrets) in the printed server');
  } finally {
    await sim.close();
  }
});
