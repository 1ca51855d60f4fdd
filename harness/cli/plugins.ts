/**
 * What the CLI needs from outside harness/ (DESIGN §2: harness never imports suites/ or devices/).
 * bin/lwm2m-hil.js is the composition root: it loads the suites and the device drivers and hands them in.
 */
import type { DeviceUnderTest } from '../engine/device.ts';
import type { Scenario } from '../engine/scenario.ts';
import type { Command } from './usage.ts';

export interface FaultDescription {
  name: string;
  breaks: string[];
  description: string;
}

export interface DeviceRequest {
  /** 'emulated' or a profile file path. */
  device: string;
  faults: string[];
  clock: 'virtual' | 'real';
}

export interface CliPlugins {
  scenarios(): Promise<Scenario[]>;
  /** Builds the device under test; throws InputError for an unknown fault or a bad profile. */
  createDevice(request: DeviceRequest): Promise<DeviceUnderTest>;
  faults(): FaultDescription[];
  /** Commands implemented outside harness/ (client, faults, devices check). */
  commands: Command[];
}

/** For contexts with nothing plugged in (unit tests of single commands). */
export const NO_PLUGINS: CliPlugins = {
  scenarios: async () => [],
  createDevice: async () => {
    throw new Error('no device drivers are plugged into this CLI');
  },
  faults: () => [],
  commands: [],
};
