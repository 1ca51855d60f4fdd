import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EmulatedClientOptions } from '../emulated-client.ts';
import type { FaultName } from '../faults.ts';
import { openBench, type Bench } from './bench.ts';
import type { RawRequest, Received } from './raw-coap-peer.ts';
import { optionStrings } from './raw-coap-peer.ts';

/** One fault shown on the wire: the same probe against the conformant client and the faulty one. */
export interface FaultCase {
  fault: FaultName;
  /** What the probe returns from a conformant client, and from one with the fault. */
  conformant: unknown;
  faulty: unknown;
  options?: Partial<EmulatedClientOptions>;
  /** Drives the registered client and returns what the server saw (codes, payloads, times...). */
  probe(wire: Wire): Promise<unknown>;
}

/** What a probe may do: requests from the raw server, stimuli, time, and the datagrams received so far. */
export interface Wire {
  bench: Bench;
  req(r: RawRequest): Promise<Received>;
  /** Response code and payload text of a request. */
  answer(r: RawRequest): Promise<[string, string]>;
  advance(ms: number): Promise<void>;
  /** Requests from the client since `since` (an index into peer.received) as "CODE path?query" lines. */
  clientRequests(since?: number): string[];
  mark(): number;
}

export function runFaultTable(cases: readonly FaultCase[]): void {
  for (const c of cases) {
    test(`fault ${c.fault} shows on the wire`, async () => {
      const conformant = await runProbe(c, false);
      const faulty = await runProbe(c, true);
      assert.deepEqual(conformant, c.conformant, 'conformant client');
      assert.deepEqual(faulty, c.faulty, `client with ${c.fault}`);
    });
  }
}

async function runProbe(c: FaultCase, withFault: boolean): Promise<unknown> {
  const bench = openBench({ bootDelayMs: 1000, ...c.options, faults: new Set(withFault ? [c.fault] : []) });
  try {
    await bench.clock.runUntil(bench.client.start());
    const req = (r: RawRequest) => bench.clock.runUntil(bench.peer.request(bench.client.local, r));
    const wire: Wire = {
      bench,
      req,
      answer: async (r) => {
        const res = await req(r);
        return [res.packet.code, res.packet.payload.toString()];
      },
      advance: (ms) => bench.clock.advance(ms),
      clientRequests: (since = 0) =>
        bench.peer
          .requests()
          .filter((r) => bench.peer.received.indexOf(r) >= since)
          .map((r) => {
            const query = optionStrings(r.packet, 'Uri-Query');
            return `${r.packet.code} /${optionStrings(r.packet, 'Uri-Path').join('/')}${query.length > 0 ? `?${query.join('&')}` : ''}`;
          }),
      mark: () => bench.peer.received.length,
    };
    return await c.probe(wire);
  } finally {
    await bench.close();
  }
}
