/**
 * The baseline a board-simulator run is compared with: the same emulated client the simulator runs, on the
 * virtual clock and the simulated network, declaring only the board profile's capabilities (so a feature the
 * profile declares absent is not-supported on both sides) and asking for the same registration lifetime.
 * Any verdict that differs is then due to the real clock, the serial console or the real network (or a bug).
 */
import type { DeviceCapabilities } from '../../harness/engine/device.ts';
import type { PskCredential } from '../../harness/engine/device.ts';
import { runConformance } from '../../harness/engine/runner.ts';
import type { Scenario } from '../../harness/engine/scenario.ts';
import { createVirtualWorld } from '../../harness/engine/virtual-world.ts';
import type { RunResults } from '../../reports/results-schema.ts';
import { EmulatedDevice } from '../emulated/emulated-device.ts';

export interface EmulatedBaselineOptions {
  scenarios: readonly Scenario[];
  /** The board profile's capabilities. */
  capabilities: DeviceCapabilities;
  /** The board firmware's registration lifetime in seconds. */
  lifetime?: number;
  endpoint: string;
  seed: number;
  outDir: string;
  version: string;
  /** The board speaks DTLS only: the baseline runs every scenario over DTLS too, with this PSK. */
  psk?: PskCredential;
}

export async function runEmulatedBaseline(o: EmulatedBaselineOptions): Promise<RunResults> {
  // Secured like the board's firmware: NoSec when its profile declares no PSK, else DTLS for every scenario.
  const device = new EmulatedDevice({
    endpoint: o.endpoint,
    ...(o.psk ? { security: 'psk' as const, psk: o.psk } : { security: 'nosec' as const }),
    narrowTo: o.capabilities,
    ...(o.lifetime !== undefined ? { lifetime: o.lifetime } : {}),
  });
  return runConformance({
    scenarios: o.scenarios,
    device,
    clock: 'virtual',
    seed: o.seed,
    selection: {},
    outDir: o.outDir,
    version: o.version,
    createWorld: (seed) => createVirtualWorld({ seed }),
    ...(o.psk ? { overDtls: true } : {}),
  });
}
