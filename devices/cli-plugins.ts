/**
 * The device side of the CLI: how `--device` and `--fault` become a DeviceUnderTest, and the commands that live
 * with the devices (client, faults). bin/lwm2m-hil.js hands these to harness/cli (DESIGN §2: harness never
 * imports devices/).
 */
import type { CliPlugins, DeviceRequest } from '../harness/cli/plugins.ts';
import { UsageError } from '../harness/cli/usage.ts';
import type { DeviceUnderTest } from '../harness/engine/device.ts';
import { boardSimCommand } from './board-sim/board-sim-command.ts';
import { clientCommand } from './emulated/cli/client-main.ts';
import { faultsCommand } from './emulated/cli/faults-main.ts';
import { EmulatedDevice } from './emulated/emulated-device.ts';
import { catalogueJson, findFault } from './emulated/fault-catalogue.ts';
import { devicesCommand } from './profile/check-command.ts';
import { loadProfile } from './profile/load.ts';
import { resolvePsk } from './profile/secrets.ts';
import { ProcessDevice } from './process/process-device.ts';
import { SerialDevice } from './serial/serial-device.ts';

export async function createDevice(request: DeviceRequest): Promise<DeviceUnderTest> {
  if (request.device === 'emulated') {
    for (const name of request.faults) {
      if (!findFault(name)) throw new UsageError(`unknown fault '${name}' (see: lwm2m-hil faults)`);
    }
    return new EmulatedDevice({ faults: request.faults });
  }
  return deviceFromProfile(request);
}

/**
 * `--device PROFILE.yaml`: a ProfileError (file:line: field: message) or an unreadable key ends the run with
 * exit 2 before any scenario; lab problems (a missing binary or port) surface later as `error` verdicts.
 */
async function deviceFromProfile(request: DeviceRequest): Promise<DeviceUnderTest> {
  const loaded = await loadProfile(request.device);
  const profile = loaded.profile;
  if (profile.kind === 'emulated') {
    for (const name of request.faults) {
      if (!findFault(name)) throw new UsageError(`unknown fault '${name}' (see: lwm2m-hil faults)`);
    }
    return new EmulatedDevice({ faults: request.faults, endpoint: profile.endpoint, ...(request.faults.length === 0 ? { name: profile.name } : {}) });
  }
  if (request.faults.length > 0) throw new UsageError('--fault applies to the emulated device only');
  if (request.clock !== 'real') throw new UsageError(`a ${profile.kind} device runs on the real clock: drop --clock virtual`);
  const psk = await resolvePsk(profile.security);
  switch (profile.kind) {
    case 'process':
      return new ProcessDevice({ loaded, ...(psk ? { psk } : {}) });
    case 'serial':
      return new SerialDevice({ loaded, ...(psk ? { psk } : {}) });
    case 'container':
      throw new UsageError(`${loaded.file}: kind container is not supported by 'run' yet`);
  }
}

export function devicePlugins(scenarios: CliPlugins['scenarios']): CliPlugins {
  return { scenarios, createDevice, faults: catalogueJson, commands: [clientCommand, faultsCommand, devicesCommand, boardSimCommand] };
}
