/** Information-reporting faults (Observe, notification attributes), each shown on the wire. */
import { FaultHook } from './faults.ts';
import { runFaultTable, type Wire } from './testing/fault-table.ts';

/** Writes attributes, observes /3303/0/5700, applies value changes at times (ms), returns the notifications. */
async function observeTemperature(w: Wire, attributes: { path: string; query: string[] }, changes: Array<[number, number]>, endMs: number) {
  const wa = await w.req({ code: 'PUT', path: attributes.path, query: attributes.query });
  if (wa.packet.code !== '2.04') throw new Error(`Write-Attributes answered ${wa.packet.code}`);
  const token = Buffer.from([0x0b, 0x5e]);
  const first = await w.req({ code: 'GET', path: '/3303/0/5700', observe: 0, token });
  const t0 = first.at;
  for (const [at, value] of changes) {
    await w.advance(at - (w.bench.clock.now() - t0));
    w.bench.client.stimulus.set('/3303/0/5700', value);
  }
  await w.advance(endMs - (w.bench.clock.now() - t0));
  return w.bench.peer.withToken(token).slice(1).map((r) => `${r.at - t0}ms ${r.packet.payload.toString()}`);
}

const onResource = (...query: string[]) => ({ path: '/3303/0/5700', query });

/**
 * Observes /3303/0/5700 (no attributes: every change is notified), sees a change notified, cancels the
 * observation (a GET with Observe=1 and its token, or an RST to every notification from then on), then changes
 * the value three more times. Returns what came with the token after the first answer: "time type value".
 */
async function observeCancelAndChange(w: Wire, cancel: 'get' | 'rst') {
  const token = Buffer.from([0xca, 0x9c]);
  const first = await w.req({ code: 'GET', path: '/3303/0/5700', observe: 0, token });
  const t0 = first.at;
  const changeAt = async (at: number, value: number) => {
    await w.advance(at - (w.bench.clock.now() - t0));
    w.bench.client.stimulus.set('/3303/0/5700', value);
  };
  await changeAt(1000, 25);
  await w.advance(500);
  if (cancel === 'get') await w.req({ code: 'GET', path: '/3303/0/5700', observe: 1, token });
  else w.bench.peer.rejectNotifications = true;
  await changeAt(2000, 26);
  await changeAt(3000, 27);
  await changeAt(4000, 28);
  await w.advance(60_000);
  return w.bench.peer.withToken(token).slice(1).map((r) => `${r.at - t0}ms ${messageType(r.packet)} ${r.packet.payload.toString()}`);
}

function messageType(p: { confirmable: boolean; ack: boolean; reset: boolean }): string {
  return p.ack ? 'ACK' : p.reset ? 'RST' : p.confirmable ? 'CON' : 'NON';
}

runFaultTable([
  {
    fault: FaultHook.IGNORE_PMAX,
    conformant: ['20000ms 21.5', '40000ms 21.5'],
    faulty: [],
    probe: (w) => observeTemperature(w, onResource('pmax=20'), [], 50_000),
  },
  {
    fault: FaultHook.NOTIFY_BEFORE_PMIN,
    conformant: ['10000ms 25'],
    faulty: ['1000ms 25'],
    probe: (w) => observeTemperature(w, onResource('pmin=10'), [[1000, 25]], 15_000),
  },
  {
    fault: FaultHook.OBJECT_LEVEL_ATTRIBUTES_IGNORED,
    conformant: ['20000ms 21.5', '40000ms 21.5'],
    faulty: [],
    probe: (w) => observeTemperature(w, { path: '/3303/0', query: ['pmax=20'] }, [], 45_000),
  },
  {
    fault: FaultHook.IGNORE_GT_LT,
    conformant: ['2000ms 31'],
    faulty: ['1000ms 25', '2000ms 31', '3000ms 32'],
    probe: (w) => observeTemperature(w, onResource('gt=30'), [[1000, 25], [2000, 31], [3000, 32]], 5000),
  },
  {
    fault: FaultHook.IGNORE_ST,
    conformant: ['2000ms 23.5'],
    faulty: ['1000ms 22', '2000ms 23.5'],
    probe: (w) => observeTemperature(w, onResource('st=2'), [[1000, 22], [2000, 23.5]], 5000),
  },
  {
    fault: FaultHook.IGNORE_OBSERVE_CANCEL,
    conformant: ['1000ms CON 25', '1500ms ACK 25'],
    faulty: ['1000ms CON 25', '1500ms ACK 25', '2000ms CON 26', '3000ms CON 27', '4000ms CON 28'],
    probe: (w) => observeCancelAndChange(w, 'get'),
  },
  {
    // Notifications are CON (the Observe request was); the RST-turned-ACK also stops their retransmission.
    fault: FaultHook.IGNORE_RST_ON_NOTIFICATION,
    conformant: ['1000ms CON 25', '2000ms CON 26'],
    faulty: ['1000ms CON 25', '2000ms CON 26', '3000ms CON 27', '4000ms CON 28'],
    probe: (w) => observeCancelAndChange(w, 'rst'),
  },
]);
