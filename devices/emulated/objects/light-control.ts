import type { Clock } from '../../../harness/clock/clock.ts';
import { ObjectInstance } from './object-instance.ts';

export const LIGHT_CONTROL_OBJECT = 3311;

export const LightResource = { ON_OFF: 5850, DIMMER: 5851, ON_TIME: 5852 } as const;

/**
 * IPSO 3311 Light Control: a physical output a server can switch (HLF-011). On Time counts seconds since the
 * light was last switched on; writing 0 to it restarts the count.
 */
export class LightControl {
  readonly instance: ObjectInstance;
  private onSinceMs: number | undefined;

  /** `stuck`: a fault profile; the relay never moves, so On/Off reads back its old state after a Write. */
  constructor(instanceId: number, private readonly clock: Clock, private readonly stuck = false) {
    this.instance = new ObjectInstance(LIGHT_CONTROL_OBJECT, instanceId)
      .value(LightResource.ON_OFF, false, (v) => this.written(v === true))
      .value(LightResource.DIMMER, 100)
      .computed(LightResource.ON_TIME, () => this.onTimeS(), () => {
        if (this.onSinceMs !== undefined) this.onSinceMs = this.clock.now();
      })
      .value(5706, 'white')
      .value(5750, 'light');
  }

  get isOn(): boolean {
    return this.instance.read(LightResource.ON_OFF) === true;
  }

  /** The physical switch (a stimulus), as opposed to a server's Write. */
  set(on: boolean): void {
    this.instance.update(LightResource.ON_OFF, on);
    this.switched(on);
  }

  private written(on: boolean): void {
    // The stored value was already replaced by the Write; a stuck relay puts the real state back.
    if (this.stuck) return this.instance.update(LightResource.ON_OFF, this.onSinceMs !== undefined);
    this.switched(on);
  }

  private switched(on: boolean): void {
    if (on && this.onSinceMs === undefined) this.onSinceMs = this.clock.now();
    if (!on) this.onSinceMs = undefined;
  }

  private onTimeS(): number {
    return this.onSinceMs === undefined ? 0 : Math.floor((this.clock.now() - this.onSinceMs) / 1000);
  }
}
