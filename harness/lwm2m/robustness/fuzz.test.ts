import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../clock/virtual-clock.ts';
import { Trace, type TraceEntry } from '../../coap/trace.ts';
import { SimNetwork, type SimTransport } from '../../net/sim-network.ts';
import { endpointKey, type Endpoint } from '../../net/transport.ts';
import { Random } from '../../random.ts';
import { LwM2MServer } from '../server/lwm2m-server.ts';
import { ScriptedClient } from '../load/scripted-client.ts';
import { recordCrashes } from './crash-recorder.ts';
import { fuzzDatagram, type FuzzDatagram } from './fuzz-datagrams.ts';

/*
 * Robustness: at least 10,000 random and mutated datagrams, each from its own peer address on the simulated
 * network (virtual clock, fixed seed). The server must not crash or leave a rejection unhandled, must record
 * every datagram in its trace and either answer it or give a reason for dropping it, and must still register
 * a well-behaved client at the end.
 */
const SEED = 0x5eed;
const DATAGRAMS = 10_000;
const BATCH = 500;
const SERVER: Endpoint = { address: '10.0.0.1', port: 5683 };

function peerOf(n: number, random: Random): Endpoint {
  return { address: `10.${100 + (n >> 16)}.${(n >> 8) & 0xff}.${n & 0xff}`, port: random.int(1024, 65535) };
}

function indexByPeer(entries: readonly TraceEntry[]): Map<string, { in: TraceEntry[]; out: TraceEntry[] }> {
  const index = new Map<string, { in: TraceEntry[]; out: TraceEntry[] }>();
  for (const entry of entries) {
    const key = endpointKey(entry.remote);
    let slot = index.get(key);
    if (slot === undefined) {
      slot = { in: [], out: [] };
      index.set(key, slot);
    }
    slot[entry.direction].push(entry);
  }
  return index;
}

test(`${DATAGRAMS} fuzz datagrams: no crash, each one answered or dropped with a reason, the server still works`, async () => {
  const crashes = recordCrashes();
  const clock = new VirtualClock({ installGlobally: false });
  const random = new Random(SEED);
  const net = new SimNetwork({ clock, random: random.fork() });
  const trace = new Trace({ startTime: clock.now() });
  const server = await LwM2MServer.start({ transport: net.bind(SERVER), clock, random: random.fork(), trace });
  const ids: string[] = [];
  server.on('registered', (e) => ids.push(e.registration.id));
  const fuzzRandom = random.fork();
  const sent: Array<{ peer: Endpoint; datagram: FuzzDatagram }> = [];
  try {
    for (let n = 0; n < DATAGRAMS; n += BATCH) {
      const peers: SimTransport[] = [];
      for (let i = n; i < Math.min(DATAGRAMS, n + BATCH); i++) {
        const peer = net.bind(peerOf(i, fuzzRandom));
        peers.push(peer);
        const datagram = fuzzDatagram(fuzzRandom, ids);
        sent.push({ peer: peer.local, datagram });
        await peer.send(datagram.bytes, SERVER);
      }
      await clock.runUntil(clock.sleep(50));
      for (const peer of peers) await peer.close();
    }
    // Let every retransmission, exchange lifetime and registration lifetime the fuzz started run out.
    await clock.runUntil(clock.sleep(3 * 86_400_000));

    assert.equal(sent.length, DATAGRAMS);
    const byPeer = indexByPeer(trace.entries());
    const kinds = new Map<string, number>();
    let answered = 0;
    for (const { peer, datagram } of sent) {
      const what = `${datagram.kind} from ${endpointKey(peer)}: ${datagram.bytes.toString('hex').slice(0, 120)}`;
      const slot = byPeer.get(endpointKey(peer));
      assert.equal(slot?.in.length, 1, `exactly one trace entry in for ${what}`);
      const entry = slot.in[0] as TraceEntry;
      assert.deepEqual(entry.bytes, datagram.bytes, `the trace holds the bytes of ${what}`);
      const reason = entry.error ?? entry.note;
      assert.ok(slot.out.length > 0 || (reason !== undefined && reason.length > 0), `neither answered nor dropped with a reason: ${what}`);
      if (slot.out.length > 0) answered++;
      kinds.set(datagram.kind, (kinds.get(datagram.kind) ?? 0) + 1);
    }
    assert.ok(kinds.size >= 12, `every generator was used: ${[...kinds.keys()].join(', ')}`);
    assert.ok(answered > 0 && answered < DATAGRAMS, `some answered, some dropped (${answered} answered)`);

    // The server still registers a well-behaved client.
    const client = new ScriptedClient(net.bind({ address: '10.0.0.2', port: 5683 }), SERVER);
    const answer = await clock.runUntil(client.register('after-fuzz', 300, '</1/0>,</3/0>'));
    assert.equal(answer.code, '2.01');
    assert.equal(server.get('after-fuzz')?.lifetime, 300);
    client.close();
  } finally {
    await server.close();
    await net.close();
    crashes.dispose();
  }
  assert.deepEqual(crashes.errors, []);
});
