import { SerialPortStream } from '@serialport/stream';
import { autoDetect } from '@serialport/bindings-cpp';
import type { BindingInterface, SetOptions } from '@serialport/bindings-cpp';
import { LabError } from '../lab/lab-error.ts';

export type SerialBinding = BindingInterface;

/** The operating system's serial binding (bindings-cpp); tests inject MockBinding or a recording binding instead. */
export function defaultBinding(): SerialBinding {
  return autoDetect();
}

export interface OpenPortOptions {
  path: string;
  baudRate: number;
  binding?: SerialBinding;
  /** What the port is for, for messages ("console", "LCUS relay"). */
  role: string;
}

/** Opens a port; a missing, busy or unreadable port is a LabError naming the port and its role. */
export async function openSerialPort(options: OpenPortOptions): Promise<SerialPortStream> {
  const binding = options.binding ?? defaultBinding();
  const port = new SerialPortStream({ binding, path: options.path, baudRate: options.baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => {
    port.open((err) => {
      if (err === null) resolve();
      else reject(new LabError(`cannot open ${options.role} serial port ${options.path}: ${err.message}`, { port: options.path, role: options.role, baudRate: options.baudRate }, err));
    });
  });
  return port;
}

/** Writes bytes and waits until the OS has taken them. */
export async function writeAndDrain(port: SerialPortStream, data: Buffer | string, role: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    port.write(data, (err) => {
      if (err !== null && err !== undefined) {
        reject(new LabError(`cannot write to ${role} serial port ${port.path}: ${err.message}`, { port: port.path, role }, err));
        return;
      }
      port.drain((drainErr) => {
        if (drainErr !== null) reject(new LabError(`cannot drain ${role} serial port ${port.path}: ${drainErr.message}`, { port: port.path, role }, drainErr));
        else resolve();
      });
    });
  });
}

/** Sets modem control lines (DTR, RTS). */
export async function setControlLines(port: SerialPortStream, lines: SetOptions, role: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    port.set(lines, (err) => {
      if (err !== null) reject(new LabError(`cannot set ${JSON.stringify(lines)} on ${role} serial port ${port.path}: ${err.message}`, { port: port.path, role }, err));
      else resolve();
    });
  });
}

/** Closes a port if open; errors on close are ignored (the port may already be gone, e.g. unplugged). */
export async function closeSerialPort(port: SerialPortStream): Promise<void> {
  if (!port.isOpen) return;
  await new Promise<void>((resolve) => port.close(() => resolve()));
}
