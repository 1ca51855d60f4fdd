import type { Clock } from '../../../harness/clock/clock.ts';

/** What the object instances may ask of the device around them (reboot, re-register, disable...). */
export interface DeviceActions {
  /** Exec /3/0/4: answer first, then restart. */
  reboot(): void;
  /** Exec /3/0/5: back to the factory configuration, then restart. */
  factoryReset(): void;
  /** Exec /1/x/8: send a Registration Update to that server now. */
  registrationUpdateTrigger(shortServerId: number): void;
  /** Exec /1/x/4: deregister from that server and stay away for its Disable Timeout. */
  disable(shortServerId: number): void;
  /** A server wrote a registration parameter of /1/x (lifetime, binding): the client sends an Update. */
  serverSettingChanged(shortServerId: number, resourceId: number): void;
}

/** Fixed facts of the emulated product; the serial number survives reboots (HLF-001). */
export interface DeviceIdentity {
  manufacturer: string;
  model: string;
  serialNumber: string;
  firmwareVersion: string;
  hardwareVersion: string;
  softwareVersion: string;
  deviceType: string;
}

export const DEFAULT_IDENTITY: DeviceIdentity = {
  manufacturer: 'lwm2m-hil',
  model: 'Emulated Client',
  serialNumber: 'EMU-0001',
  firmwareVersion: '1.0.0',
  hardwareVersion: '1.0',
  softwareVersion: '1.0.0',
  deviceType: 'emulator',
};

export interface DeviceContext {
  clock: Clock;
  actions: DeviceActions;
  identity: DeviceIdentity;
  /** The local address of the client's transport, as the network sees it (HLF-037). */
  localAddress(): string;
}
