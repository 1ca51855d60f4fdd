/**
 * The DTLS faults of the catalogue, each shown on the wire: the emulated device against the virtual world's
 * secure server (coaps, PSK), once conformant and once with the fault, probing what the server side sees.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { ContentType } from '../../harness/dtls/constants.ts';
import type { SecureServer } from '../../harness/engine/secure-server.ts';
import { createVirtualWorld } from '../../harness/engine/virtual-world.ts';
import type { World } from '../../harness/engine/world.ts';
import { parsePath } from '../../harness/lwm2m/path.ts';
import { EmulatedDevice } from './emulated-device.ts';
import { FAULT_CATALOGUE } from './fault-catalogue.ts';
import { FaultHook, type FaultName } from './faults.ts';

const EP = 'emulated-1';
const UTC = '/3/0/14';

interface Rig {
  world: World;
  secure: SecureServer;
  device: EmulatedDevice;
  /** Powers the device on against the secure server. */
  start(): Promise<void>;
  registered(): Promise<boolean>;
  run<T>(work: Promise<T>, ms?: number): Promise<T>;
}

async function withRig<T>(faults: FaultName[], body: (rig: Rig) => Promise<T>): Promise<T> {
  const world = await createVirtualWorld({ seed: 5 });
  const secure = world.secure;
  const secureServer = world.env.secureServer;
  assert.ok(secure && secureServer, 'the virtual world has a secure server');
  const device = new EmulatedDevice({ endpoint: EP, faults });
  assert.ok(device.psk);
  secure.addPsk(device.psk);
  const run = <R>(work: Promise<R>, ms = 600_000): Promise<R> => world.drive(work, ms);
  const rig: Rig = {
    world, secure, device, run,
    start: () => run(device.start({ ...world.env, server: secureServer })),
    registered: async () => {
      try {
        await run(secure.server.waitFor('registered', (e) => e.registration.endpoint === EP, 10_000, { since: 0 }));
        return true;
      } catch {
        return false;
      }
    },
  };
  try {
    return await body(rig);
  } finally {
    await run(device.stop()).catch(() => undefined);
    await world.close();
  }
}

const write = (rig: Rig, value: string) => rig.run(rig.secure.server.write(EP, UTC, [{ path: parsePath(UTC), value }]));
const isPlainCoap = (bytes: Buffer): boolean => ((bytes[0] ?? 0) & 0xc0) === 0x40;

interface SecurityFaultCase {
  fault: FaultName;
  conformant: unknown;
  faulty: unknown;
  probe(rig: Rig): Promise<unknown>;
}

const CASES: SecurityFaultCase[] = [
  {
    fault: FaultHook.NOSEC_ONLY,
    conformant: { registered: true, plainCoap: false },
    faulty: { registered: false, plainCoap: true },
    async probe(rig) {
      await rig.start();
      const registered = await rig.registered();
      const plainCoap = rig.secure.wire.datagrams({ direction: 'in' }).some((d) => isPlainCoap(d.bytes));
      return { registered, plainCoap };
    },
  },
  {
    fault: FaultHook.ACCEPTS_REPLAYED_RECORD,
    conformant: 'no answer',
    faulty: 'answered',
    async probe(rig) {
      await rig.start();
      assert.ok(await rig.registered());
      const peer = rig.secure.server.get(EP)?.address;
      assert.ok(peer);
      await write(rig, '+01:00');
      const record = rig.secure.dtls.faults.lastRecord(peer, { direction: 'outbound', type: ContentType.applicationData });
      assert.ok(record);
      await write(rig, '+02:00');
      const before = rig.secure.wire.mark();
      await rig.secure.dtls.faults.replayToClient(record);
      await rig.run(rig.world.clock.sleep(5000));
      return rig.secure.wire.datagrams({ fromSeq: before, direction: 'in' }).length > 0 ? 'answered' : 'no answer';
    },
  },
  {
    fault: FaultHook.ACCEPTS_ANY_SERVER_KEY,
    conformant: 'peer-rejected-wrong-key',
    faulty: 'peer-accepted-wrong-key',
    async probe(rig) {
      const reasons: string[] = [];
      rig.secure.dtls.on('handshakeFailed', (e) => reasons.push(e.reason));
      rig.secure.dtls.faults.wrongKeyFor(EP);
      await rig.start();
      await rig.run(rig.world.clock.sleep(5000));
      return reasons[0];
    },
  },
  {
    fault: FaultHook.SKIPS_MAC_CHECK,
    conformant: '2.04',
    faulty: '2.05',
    async probe(rig) {
      await rig.start();
      assert.ok(await rig.registered());
      const peer = rig.secure.server.get(EP)?.address;
      assert.ok(peer);
      // Plaintext byte 1 (the CoAP code) sits after CCM_8's 8-byte explicit nonce; bit 1 turns PUT into GET.
      rig.secure.dtls.faults.flipBit({ direction: 'outbound', peer, bit: (8 + 1) * 8 + 1 });
      return (await write(rig, '+03:00')).code;
    },
  },
  {
    fault: FaultHook.PLAINTEXT_AFTER_HANDSHAKE,
    conformant: { registered: true, clearRegister: false },
    faulty: { registered: true, clearRegister: true },
    async probe(rig) {
      await rig.start();
      const registered = await rig.registered();
      const clearRegister = rig.secure.wire.datagrams({ direction: 'in' }).some((d) => d.bytes.includes(Buffer.from(`ep=${EP}`)));
      return { registered, clearRegister };
    },
  },
];

for (const c of CASES) {
  test(`fault ${c.fault} shows on the wire of the DTLS session`, async () => {
    assert.deepEqual(await withRig([], (rig) => c.probe(rig)), c.conformant, 'conformant device');
    assert.deepEqual(await withRig([c.fault], (rig) => c.probe(rig)), c.faulty, `device with ${c.fault}`);
  });
}

test('each DTLS requirement is broken by a catalogue fault that this file shows on the wire', () => {
  const shown = new Set(CASES.map((c) => c.fault));
  for (const id of ['SEC-001', 'SEC-002', 'AT-001', 'DI-001', 'CF-001'].map((s) => `LightweightM2M-${s}`)) {
    const faults = FAULT_CATALOGUE.filter((f) => f.breaks.includes(id));
    assert.ok(faults.length > 0 && faults.every((f) => shown.has(f.name)), id);
  }
});

test('the PSK key never shows in the trace of a DTLS run', async () => {
  await withRig([], async (rig) => {
    await rig.start();
    assert.ok(await rig.registered());
    const key = rig.device.psk?.key;
    assert.ok(key);
    const json = JSON.stringify(rig.world.trace.toJSON());
    assert.ok(!json.includes(key.toString('hex')));
    assert.ok(!rig.world.trace.renderAll().includes(key.toString('hex')));
    const printed = inspect(rig.device, { depth: 6 });
    assert.ok(!printed.includes(key.toString('hex')) && !printed.includes(inspect(key).slice(8, 40)), 'printing the device shows no key');
  });
});
