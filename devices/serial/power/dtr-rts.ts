import type { Clock } from '../../../harness/clock/clock.ts';
import type { SerialPortStream } from '@serialport/stream';
import { closeSerialPort, openSerialPort, setControlLines } from '../serial-port.ts';
import type { SerialBinding } from '../serial-port.ts';
import { parseControlSequence } from './dtr-rts-sequence.ts';
import type { ControlStep } from './dtr-rts-sequence.ts';
import { BasePowerDriver } from './power-driver.ts';

/** Something whose DTR and RTS lines can be set: the console (same port) or a port of its own. */
export interface ControlLines {
  readonly path: string;
  setControlLines(lines: { dtr: boolean; rts: boolean }): Promise<void>;
}

/** A port opened only for its control lines (when the reset lines are not on the console's port). */
export class ControlPort implements ControlLines {
  private port: SerialPortStream | undefined;

  constructor(
    readonly path: string,
    private readonly binding?: SerialBinding,
    private readonly baudRate = 115200,
  ) {}

  async setControlLines(lines: { dtr: boolean; rts: boolean }): Promise<void> {
    if (this.port === undefined || !this.port.isOpen) {
      this.port = await openSerialPort({ path: this.path, baudRate: this.baudRate, binding: this.binding, role: 'DTR/RTS reset' });
    }
    await setControlLines(this.port, lines, 'DTR/RTS reset');
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port !== undefined) await closeSerialPort(port);
  }
}

export interface DtrRtsOptions {
  lines: ControlLines;
  /** The reset (cycle) sequence, e.g. "D0|R1|W0.1|D1|R0". */
  sequence: string;
  /** Hold in reset; default "D0|R1" (RTS drives EN low on esptool-style wiring). */
  off?: string;
  /** Release from reset; default "D0|R0". */
  on?: string;
  clock: Clock;
  /** Closed with the driver (a ControlPort the factory opened). */
  owned?: { close(): Promise<void> };
}

/**
 * Reset through a USB-UART's DTR and RTS lines. serialport's set() writes every flag on each call (unnamed ones
 * to their defaults), so the driver keeps both lines' state and always sends both. Both start asserted (true),
 * as the OS leaves them after opening a port.
 */
export class DtrRtsPowerDriver extends BasePowerDriver {
  private readonly reset: ControlStep[];
  private readonly offSteps: ControlStep[];
  private readonly onSteps: ControlStep[];
  private state = { dtr: true, rts: true };

  constructor(private readonly options: DtrRtsOptions) {
    super(options.clock);
    this.reset = parseControlSequence(options.sequence, 'power.sequence');
    this.offSteps = parseControlSequence(options.off ?? 'D0|R1', 'power.off');
    this.onSteps = parseControlSequence(options.on ?? 'D0|R0', 'power.on');
  }

  describe(): string {
    return `DTR/RTS reset "${this.options.sequence}" on ${this.options.lines.path}`;
  }

  async on(): Promise<void> {
    await this.run(this.onSteps);
    this.emit('power on', `released reset on ${this.options.lines.path} (${this.options.on ?? 'D0|R0'})`);
  }

  async off(): Promise<void> {
    await this.run(this.offSteps);
    this.emit('power off', `held in reset on ${this.options.lines.path} (${this.options.off ?? 'D0|R1'})`);
  }

  /** Runs the reset sequence; its own waits replace offMs. */
  override async cycle(_offMs: number): Promise<void> {
    this.emit('reset start', `DTR/RTS sequence "${this.options.sequence}" on ${this.options.lines.path}`);
    await this.run(this.reset);
    this.emit('reset done');
  }

  override async close(): Promise<void> {
    await this.options.owned?.close();
  }

  private async run(steps: readonly ControlStep[]): Promise<void> {
    for (const step of steps) {
      if (step.kind === 'wait') {
        await this.clock.sleep(step.ms);
        continue;
      }
      this.state = { dtr: step.dtr ?? this.state.dtr, rts: step.rts ?? this.state.rts };
      await this.options.lines.setControlLines({ ...this.state });
    }
  }
}
