import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RealClock } from '../clock/real-clock.ts';
import { Random } from '../random.ts';
import { openUdpShapingProxy, type UdpShapingProxy } from './udp-shaping-proxy.ts';
import { UdpTransport } from './udp-transport.ts';
import type { ShapingProfile } from './impairment.ts';

/**
 * Statistical checks of the shaping proxy over real loopback UDP: a "board" socket sends numbered datagrams
 * through the proxy to a sink socket standing in for the server. In the proxy the shaper wraps the
 * board-facing socket, so what the board sends is the shaper's *inbound* direction.
 */

const WINDOW = 50;
/** A safety bound on waiting for one window to drain (a hang fails the test; no duration is asserted). */
const DRAIN_BOUND_MS = 10_000;
const PAYLOAD_BYTES = 32;

interface Arrivals {
  /** Sequence numbers in the order the sink received them (copies included). */
  order: number[];
}

interface Rig {
  proxy: UdpShapingProxy;
  board: UdpTransport;
  sink: UdpTransport;
  arrivals: Arrivals;
  relayErrors: unknown[];
  close(): Promise<void>;
}

const WARM_UP = 0xffffffff;

function datagram(seq: number): Buffer {
  const bytes = Buffer.alloc(PAYLOAD_BYTES, 0xa5);
  bytes.writeUInt32BE(seq, 0);
  return bytes;
}

async function openRig(seed: number): Promise<Rig> {
  const sink = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const board = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const relayErrors: unknown[] = [];
  const proxy = await openUdpShapingProxy({
    listen: { address: '127.0.0.1', port: 0 },
    target: sink.local,
    profile: {},
    clock: new RealClock(),
    random: new Random(seed),
    upstreamAddress: '127.0.0.1',
    onError: (error) => relayErrors.push(error),
  });
  const arrivals: Arrivals = { order: [] };
  sink.onMessage((data) => arrivals.order.push(data.readUInt32BE(0)));
  return {
    proxy,
    board,
    sink,
    arrivals,
    relayErrors,
    async close() {
      await proxy.close();
      await board.close();
      await sink.close();
    },
  };
}

/** Polls (on the event loop, a millisecond apart) until done() holds; throws past the bound. */
async function waitFor(done: () => boolean, what: string): Promise<void> {
  const clock = new RealClock();
  const giveUpAt = clock.now() + DRAIN_BOUND_MS;
  while (!done()) {
    if (clock.now() > giveUpAt) throw new Error(`gave up waiting for ${what}`);
    await clock.sleep(1);
  }
}

/**
 * Opens the relay's upstream socket with one datagram on a perfect link (while it opens the relay queues a
 * bounded number of datagrams and would drop the rest of a window), then clears what the sink saw.
 */
async function warmUp(rig: Rig): Promise<void> {
  await rig.board.send(datagram(WARM_UP), rig.proxy.local);
  await waitFor(() => rig.arrivals.order.length === 1, 'the warm-up datagram');
  rig.arrivals.order.length = 0;
}

/**
 * Sends seq 0..count-1 in windows of WINDOW. After each window it waits until the proxy has seen every
 * datagram, holds none back, and the sink has received every copy the shaper passed on: loopback then never
 * has more than one window in flight, so any loss is the shaper's.
 */
async function sendPaced(rig: Rig, count: number): Promise<void> {
  const passedBefore = rig.proxy.shaper.counters().inbound.sent;
  const offeredBefore = rig.proxy.shaper.counters().inbound.offered;
  for (let start = 0; start < count; start += WINDOW) {
    const end = Math.min(count, start + WINDOW);
    const sends: Promise<void>[] = [];
    for (let seq = start; seq < end; seq++) sends.push(rig.board.send(datagram(seq), rig.proxy.local));
    await Promise.all(sends);
    await waitFor(() => {
      const inbound = rig.proxy.shaper.counters().inbound;
      return (
        inbound.offered - offeredBefore === end &&
        rig.proxy.shaper.heldCount() === 0 &&
        rig.arrivals.order.length === inbound.sent - passedBefore
      );
    }, `window ${start}..${end - 1} to drain`);
  }
}

interface Measured {
  loss: number;
  duplication: number;
  reordering: number;
}

/**
 * loss: share of sent datagrams that never arrived; duplication: extra copies per distinct datagram that
 * arrived; reordering: share of arrivals whose sequence number is lower than one already received.
 */
function measure(order: number[], sent: number): Measured {
  const seen = new Set<number>();
  let copies = 0;
  let late = 0;
  let highest = -1;
  for (const seq of order) {
    if (seen.has(seq)) copies++;
    seen.add(seq);
    if (seq < highest) late++;
    highest = Math.max(highest, seq);
  }
  return {
    loss: 1 - seen.size / sent,
    duplication: seen.size === 0 ? 0 : copies / seen.size,
    reordering: order.length === 0 ? 0 : late / order.length,
  };
}

function assertNear(measured: number, configured: number, what: string): void {
  assert.ok(
    Math.abs(measured - configured) <= 0.02,
    `${what}: measured ${(measured * 100).toFixed(2)}%, configured ${(configured * 100).toFixed(2)}% (tolerance 2 points)`,
  );
}

test('shaping proxy over loopback UDP: measured loss, duplication and reordering match the profile (seeded)', async (t) => {
  const rig = await openRig(20240611);
  try {
    await warmUp(rig);
    // Board -> server is the shaper's inbound direction (it wraps the board-facing socket).
    const profile: ShapingProfile = { inbound: { loss: 0.1, duplicate: 0.05, reorder: 0.08, reorderDelayMs: 20 } };
    rig.proxy.shaper.setProfile(profile);
    const sent = 10_000;
    await sendPaced(rig, sent);

    const measured = measure(rig.arrivals.order, sent);
    t.diagnostic(
      `loss ${(measured.loss * 100).toFixed(2)}%, duplication ${(measured.duplication * 100).toFixed(2)}%, reordering ${(measured.reordering * 100).toFixed(2)}%`,
    );
    assertNear(measured.loss, 0.1, 'loss');
    assertNear(measured.duplication, 0.05, 'duplication');
    assertNear(measured.reordering, 0.08, 'reordering');

    // The sink saw exactly what the shaper says it passed on (nothing lost by loopback or the relay).
    const inbound = rig.proxy.shaper.counters().inbound;
    assert.equal(inbound.droppedBy.loss, sent - new Set(rig.arrivals.order).size);
    assert.deepEqual(rig.relayErrors, []);
    assert.equal(rig.proxy.shaper.counters().outbound.offered, 0, 'the sink never answers, so nothing flows back');
  } finally {
    await rig.close();
  }
});

test('shaping proxy over loopback UDP at 0% impairment: 1,000 datagrams arrive once each, in order', async () => {
  const rig = await openRig(7);
  try {
    await warmUp(rig);
    const sent = 1000;
    await sendPaced(rig, sent);
    assert.deepEqual(rig.arrivals.order, Array.from({ length: sent }, (_, seq) => seq));
    assert.deepEqual(rig.relayErrors, []);
  } finally {
    await rig.close();
  }
});
