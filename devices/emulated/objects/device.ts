import type { ResourceValue } from '../../../harness/lwm2m/values.ts';
import type { DeviceContext } from './device-context.ts';
import { ObjectInstance, isMultiple } from './object-instance.ts';

export const DEVICE_OBJECT = 3;

export const DeviceResource = {
  FIRMWARE_VERSION: 3,
  ERROR_CODE: 11,
  CURRENT_TIME: 13,
} as const;

/** Power sources of the emulated board: internal battery and USB, with plausible readings. */
const POWER_SOURCES = new Map<number, ResourceValue>([[0, 1], [1, 5]]);
const POWER_VOLTAGES_MV = new Map<number, ResourceValue>([[0, 3800], [1, 5000]]);
const POWER_CURRENTS_MA = new Map<number, ResourceValue>([[0, 125], [1, 900]]);

/** Object 3 Device: identity, power, memory, error codes, time, and the Reboot / Factory Reset actions. */
export class DeviceObject {
  readonly instance: ObjectInstance;
  /** Seconds added to the clock's time by a Write to /3/0/13. */
  private timeOffsetS = 0;

  /** `inconsistentPower`: a fault profile; voltage and current list one source while /3/0/6 lists two. */
  constructor(private readonly ctx: DeviceContext, inconsistentPower = false) {
    const id = ctx.identity;
    this.instance = new ObjectInstance(DEVICE_OBJECT, 0)
      .value(0, id.manufacturer)
      .value(1, id.model)
      .value(2, id.serialNumber)
      .value(DeviceResource.FIRMWARE_VERSION, id.firmwareVersion)
      .executable(4, () => ctx.actions.reboot())
      .executable(5, () => ctx.actions.factoryReset())
      .value(6, POWER_SOURCES)
      .value(7, inconsistentPower ? firstOnly(POWER_VOLTAGES_MV) : POWER_VOLTAGES_MV)
      .value(8, inconsistentPower ? firstOnly(POWER_CURRENTS_MA) : POWER_CURRENTS_MA)
      .value(9, 100)
      .value(10, 1024)
      .value(DeviceResource.ERROR_CODE, new Map<number, ResourceValue>([[0, 0]]))
      .executable(12, () => this.resetErrors())
      .computed(DeviceResource.CURRENT_TIME, () => this.currentTime(), (v) => this.setTime(v))
      .value(14, '+00:00')
      .value(15, 'Etc/UTC')
      .value(16, 'U')
      .value(17, id.deviceType)
      .value(18, id.hardwareVersion)
      .value(19, id.softwareVersion)
      .value(20, 0)
      .value(21, 4096);
  }

  /** Seconds since the epoch on the device's clock (Time resources are whole seconds). */
  currentTime(): number {
    return Math.floor(this.ctx.clock.now() / 1000) + this.timeOffsetS;
  }

  /** A stimulus: the device reports an error (1 low battery ... 8; TS Device object). */
  raiseError(code: number): void {
    const current = this.errorCodes().filter((c) => c !== 0 && c !== code);
    const next = [...current, code].map((c, i) => [i, c] as [number, ResourceValue]);
    this.instance.update(DeviceResource.ERROR_CODE, new Map(next));
  }

  errorCodes(): number[] {
    const content = this.instance.read(DeviceResource.ERROR_CODE);
    if (content === undefined || !isMultiple(content)) return [];
    return [...content.values()].filter((v): v is number => typeof v === 'number');
  }

  resetErrors(): void {
    this.instance.update(DeviceResource.ERROR_CODE, new Map<number, ResourceValue>([[0, 0]]));
  }

  setFirmwareVersion(version: string): void {
    this.instance.update(DeviceResource.FIRMWARE_VERSION, version);
  }

  private setTime(content: unknown): void {
    if (typeof content === 'number') this.timeOffsetS = Math.floor(content) - Math.floor(this.ctx.clock.now() / 1000);
  }
}

function firstOnly(values: ReadonlyMap<number, ResourceValue>): Map<number, ResourceValue> {
  return new Map([...values].slice(0, 1));
}
