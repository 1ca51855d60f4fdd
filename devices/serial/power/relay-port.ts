import type { SerialPortStream } from '@serialport/stream';
import { closeSerialPort, openSerialPort, writeAndDrain } from '../serial-port.ts';
import type { SerialBinding } from '../serial-port.ts';

/** A relay board's serial port, opened on first use and kept open (reopened if it went away, e.g. replugged). */
export class RelayPort {
  private port: SerialPortStream | undefined;

  constructor(
    readonly path: string,
    private readonly baudRate: number,
    private readonly role: string,
    private readonly binding?: SerialBinding,
  ) {}

  async send(bytes: Buffer | string): Promise<void> {
    if (this.port === undefined || !this.port.isOpen) {
      this.port = await openSerialPort({ path: this.path, baudRate: this.baudRate, binding: this.binding, role: this.role });
    }
    await writeAndDrain(this.port, bytes, this.role);
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port !== undefined) await closeSerialPort(port);
  }
}
