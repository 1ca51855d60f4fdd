import type { Scenario } from '../../harness/engine/scenario.ts';
import { accessControlPerServer } from './access-control.ts';
import { accessTypes } from './access-types.ts';
import { actuatorSwitch } from './actuator-switch.ts';
import { cellId } from './cell-id.ts';
import { connectionAddress } from './connection-address.ts';
import { connectivityStatus } from './connectivity-status.ts';
import { createDeleteInstance, deviceObjectNotCreatable } from './create-delete.ts';
import { errorCodeReporting } from './error-code.ts';
import { factoryReset } from './factory-reset.ts';
import { firmwareVersionRead } from './firmware-version.ts';
import { instanceRead } from './instance-read.ts';
import { partialWrite } from './partial-write.ts';
import { powerSourceStatus } from './power-source.ts';
import { reboot } from './reboot.ts';
import { resourceGroups } from './resource-groups.ts';
import { signalStrength } from './signal-strength.ts';

/** The scenarios of this area, in the order a run lists them. */
export const scenarios: Scenario[] = [
  firmwareVersionRead,
  powerSourceStatus,
  errorCodeReporting,
  reboot,
  factoryReset,
  actuatorSwitch,
  signalStrength,
  connectivityStatus,
  cellId,
  accessTypes,
  resourceGroups,
  deviceObjectNotCreatable,
  createDeleteInstance,
  instanceRead,
  partialWrite,
  connectionAddress,
  accessControlPerServer,
];
