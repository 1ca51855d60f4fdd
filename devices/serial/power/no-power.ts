import { BasePowerDriver } from './power-driver.ts';

/**
 * No power control: the board is assumed to be powered. off() and cycle() only record that nothing could be
 * done, so the evidence shows why a hung board was not recovered (a reboot stimulus may still work).
 */
export class NoPowerDriver extends BasePowerDriver {
  describe(): string {
    return 'none (the board stays powered)';
  }

  async on(): Promise<void> {
    this.emit('power on', 'no power control: assumed already on');
  }

  async off(): Promise<void> {
    this.emit('power off skipped', 'no power control');
  }

  override async cycle(_offMs: number): Promise<void> {
    this.emit('power cycle skipped', 'no power control');
  }
}
