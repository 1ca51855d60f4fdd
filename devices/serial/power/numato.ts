import type { Clock } from '../../../harness/clock/clock.ts';
import { InputError } from '../../../harness/errors.ts';
import type { SerialBinding } from '../serial-port.ts';
import { BasePowerDriver } from './power-driver.ts';
import { RelayPort } from './relay-port.ts';

/**
 * Numato Lab USB relay modules: an ASCII command line over a USB CDC port, commands ended by CR. Relays are
 * numbered 0-9 and then A-V on modules with more than ten relays (up to 32).
 */
export function numatoRelayIndex(relay: number): string {
  if (!Number.isInteger(relay) || relay < 0 || relay > 31) throw new InputError(`Numato relay index must be 0..31, got ${relay}`, { relay });
  return relay < 10 ? String(relay) : String.fromCharCode(0x41 + relay - 10);
}

export function numatoCommand(relay: number, on: boolean): string {
  return `relay ${on ? 'on' : 'off'} ${numatoRelayIndex(relay)}\r`;
}

export interface NumatoOptions {
  port: string;
  relay: number;
  baud?: number;
  clock: Clock;
  binding?: SerialBinding;
}

export class NumatoPowerDriver extends BasePowerDriver {
  private readonly port: RelayPort;

  constructor(private readonly options: NumatoOptions) {
    super(options.clock);
    numatoRelayIndex(options.relay);
    this.port = new RelayPort(options.port, options.baud ?? 19200, 'Numato relay', options.binding);
  }

  describe(): string {
    return `Numato relay ${numatoRelayIndex(this.options.relay)} on ${this.options.port}`;
  }

  on(): Promise<void> {
    return this.switch(true);
  }

  off(): Promise<void> {
    return this.switch(false);
  }

  override close(): Promise<void> {
    return this.port.close();
  }

  private async switch(on: boolean): Promise<void> {
    const command = numatoCommand(this.options.relay, on);
    await this.port.send(command);
    this.emit(on ? 'power on' : 'power off', `Numato "${command.trim()}" on ${this.options.port}`);
  }
}
