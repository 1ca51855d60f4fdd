import type { Clock } from '../../../harness/clock/clock.ts';
import type { SerialBinding } from '../serial-port.ts';
import { BasePowerDriver, hexBytes } from './power-driver.ts';
import { RelayPort } from './relay-port.ts';

/**
 * LCUS-type USB relay boards (a CH340 USB-serial chip and a small MCU): 9600 baud, 4-byte frames
 * A0, channel, state (1 = closed/on, 0 = open/off), checksum = (A0 + channel + state) & 0xFF.
 * The board does not answer, so a frame that reached the OS is all we can confirm.
 */
export function lcusFrame(channel: number, on: boolean): Buffer {
  const state = on ? 1 : 0;
  return Buffer.from([0xa0, channel, state, (0xa0 + channel + state) & 0xff]);
}

export interface LcusOptions {
  port: string;
  channel: number;
  baud?: number;
  clock: Clock;
  binding?: SerialBinding;
}

export class LcusPowerDriver extends BasePowerDriver {
  private readonly relay: RelayPort;

  constructor(private readonly options: LcusOptions) {
    super(options.clock);
    this.relay = new RelayPort(options.port, options.baud ?? 9600, 'LCUS relay', options.binding);
  }

  describe(): string {
    return `LCUS relay channel ${this.options.channel} on ${this.options.port}`;
  }

  on(): Promise<void> {
    return this.switch(true);
  }

  off(): Promise<void> {
    return this.switch(false);
  }

  override close(): Promise<void> {
    return this.relay.close();
  }

  private async switch(on: boolean): Promise<void> {
    const frame = lcusFrame(this.options.channel, on);
    await this.relay.send(frame);
    this.emit(on ? 'power on' : 'power off', `LCUS relay ${this.options.channel} ${on ? 'closed' : 'opened'} on ${this.options.port} (${hexBytes(frame)})`);
  }
}
