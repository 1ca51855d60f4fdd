import { ObjectInstance } from './object-instance.ts';

export const TEMPERATURE_OBJECT = 3303;

export const TemperatureResource = { SENSOR_VALUE: 5700, MIN_MEASURED: 5601, MAX_MEASURED: 5602 } as const;

/** IPSO 3303 Temperature: a simulated sensor whose value a stimulus sets; keeps min/max measured. */
export class TemperatureSensor {
  readonly instance: ObjectInstance;
  private min: number;
  private max: number;

  constructor(instanceId: number, initial = 21.5) {
    this.min = initial;
    this.max = initial;
    this.instance = new ObjectInstance(TEMPERATURE_OBJECT, instanceId)
      .value(TemperatureResource.SENSOR_VALUE, initial)
      .value(5701, 'Cel')
      .value(TemperatureResource.MIN_MEASURED, initial)
      .value(TemperatureResource.MAX_MEASURED, initial)
      .value(5603, -40)
      .value(5604, 125)
      .executable(5605, () => this.resetMinMax());
  }

  /** The stimulus: the sensor now measures `value`. */
  measure(value: number): void {
    this.instance.update(TemperatureResource.SENSOR_VALUE, value);
    if (value < this.min) this.instance.update(TemperatureResource.MIN_MEASURED, (this.min = value));
    if (value > this.max) this.instance.update(TemperatureResource.MAX_MEASURED, (this.max = value));
  }

  private resetMinMax(): void {
    const current = this.instance.read(TemperatureResource.SENSOR_VALUE);
    const value = typeof current === 'number' ? current : 0;
    this.min = value;
    this.max = value;
    this.instance.update(TemperatureResource.MIN_MEASURED, value);
    this.instance.update(TemperatureResource.MAX_MEASURED, value);
  }
}
