/**
 * The device side of the CLI: how `--device` and `--fault` become a DeviceUnderTest, and the commands that live
 * with the devices (client, faults). bin/lwm2m-hil.js hands these to harness/cli (DESIGN §2: harness never
 * imports devices/).
 */
import type { CliPlugins, DeviceRequest } from '../harness/cli/plugins.ts';
import { UsageError } from '../harness/cli/usage.ts';
import type { DeviceUnderTest } from '../harness/engine/device.ts';
import { clientCommand } from './emulated/cli/client-main.ts';
import { faultsCommand } from './emulated/cli/faults-main.ts';
import { EmulatedDevice } from './emulated/emulated-device.ts';
import { catalogueJson, findFault } from './emulated/fault-catalogue.ts';
import { devicesCommand } from './profile/check-command.ts';

export async function createDevice(request: DeviceRequest): Promise<DeviceUnderTest> {
  if (request.device === 'emulated') {
    for (const name of request.faults) {
      if (!findFault(name)) throw new UsageError(`unknown fault '${name}' (see: lwm2m-hil faults)`);
    }
    return new EmulatedDevice({ faults: request.faults });
  }
  if (request.faults.length > 0) throw new UsageError('--fault applies to the emulated device only');
  throw new UsageError(`device profiles are not supported by 'run' yet: '${request.device}' (use --device emulated)`);
}

export function devicePlugins(scenarios: CliPlugins['scenarios']): CliPlugins {
  return { scenarios, createDevice, faults: catalogueJson, commands: [clientCommand, faultsCommand, devicesCommand] };
}
