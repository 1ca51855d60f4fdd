/**
 * The `acl-ignored` fault on the wire, with two raw servers (Short Server IDs 101 and 102). In the factory
 * multi-server configuration /3/0 has its own Access Control instance (/2/0) that gives only server 101
 * rights, and /1/0 (server 101's account) is owned by 101 with no entry for 102. A conformant client answers
 * server 102 with 4.01 there and still serves server 101; the faulty one serves both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../harness/clock/virtual-clock.ts';
import { SimNetwork } from '../../harness/net/sim-network.ts';
import { Random } from '../../harness/random.ts';
import { ContentFormat } from '../../harness/lwm2m/values.ts';
import { EmulatedClient } from './emulated-client.ts';
import { FaultHook } from './faults.ts';
import { registrationAnswers } from './testing/bench.ts';
import { RawCoapPeer, type RawRequest } from './testing/raw-coap-peer.ts';

interface Answers {
  primary: string[];
  other: string[];
}

/** The same requests from each server: Read /3/0, Read /3/0/0, Write /1/0/1, Exec /1/0/8. */
async function probe(withFault: boolean): Promise<Answers> {
  const clock = new VirtualClock();
  const network = new SimNetwork({ clock, random: new Random(7) });
  const a = new RawCoapPeer(network.bind({ address: '10.0.0.1', port: 5683 }), clock);
  const b = new RawCoapPeer(network.bind({ address: '10.0.0.3', port: 5683 }), clock);
  a.onRequest(registrationAnswers);
  b.onRequest(registrationAnswers);
  const client = new EmulatedClient({
    transport: network.bind({ address: '10.0.0.2' }),
    clock,
    random: new Random(8),
    endpoint: 'emu-acl',
    server: a.local,
    shortServerId: 101,
    additionalServers: [{ server: b.local, shortServerId: 102 }],
    faults: new Set(withFault ? [FaultHook.ACL_IGNORED] : []),
  });
  try {
    assert.equal(await clock.runUntil(client.start()), true);
    await clock.advance(5000);
    assert.equal(b.requests((p) => p.code === '0.02').length >= 1, true, 'registered with the second server too');
    const requests: RawRequest[] = [
      { code: 'GET', path: '/3/0', accept: ContentFormat.TLV },
      { code: 'GET', path: '/3/0/0' },
      { code: 'PUT', path: '/1/0/1', contentFormat: ContentFormat.TEXT, payload: Buffer.from('300') },
      { code: 'POST', path: '/1/0/8' },
    ];
    const ask = async (peer: RawCoapPeer): Promise<string[]> => {
      const codes: string[] = [];
      for (const r of requests) codes.push((await clock.runUntil(peer.request(client.local, r))).packet.code);
      return codes;
    };
    return { other: await ask(b), primary: await ask(a) };
  } finally {
    client.stop();
    a.close();
    b.close();
    await network.close();
    clock.uninstall();
  }
}

test('fault acl-ignored shows on the wire: the unauthorised server gets 4.01 from the conformant client, 2.0x from the faulty one', async () => {
  const conformant = await probe(false);
  const faulty = await probe(true);
  assert.deepEqual(conformant, { other: ['4.01', '4.01', '4.01', '4.01'], primary: ['2.05', '2.05', '2.04', '2.04'] }, 'conformant client');
  assert.deepEqual(faulty, { other: ['2.05', '2.05', '2.04', '2.04'], primary: ['2.05', '2.05', '2.04', '2.04'] }, 'client with acl-ignored');
});
