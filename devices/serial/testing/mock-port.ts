import { SerialPortMock } from 'serialport';
import type { SerialBinding } from '../serial-port.ts';

// @serialport/binding-mock's package exports hide its types from NodeNext resolution; serialport re-exports
// the same MockBinding (one module instance) with types.
export const MockBinding = SerialPortMock.binding;
export type MockPortBinding = Awaited<ReturnType<typeof MockBinding.open>>;

let counter = 0;

/**
 * A MockBinding port for tests, with a handle on the opened binding port so a test can play the device
 * (`emit`) and read what the harness wrote (`written`). Each call makes a fresh port path.
 */
export function mockSerialPort(options: { create?: boolean } = {}): {
  path: string;
  binding: SerialBinding;
  emit(data: string | Buffer): void;
  written(): Buffer;
  opened(): MockPortBinding | undefined;
} {
  const path = `/dev/ttyMOCK${process.pid}-${counter++}`;
  if (options.create !== false) MockBinding.createPort(path, { echo: false, record: true });
  let last: MockPortBinding | undefined;
  const binding: SerialBinding = {
    list: () => MockBinding.list(),
    open: async (openOptions) => {
      last = await MockBinding.open(openOptions);
      return last;
    },
  };
  const require = (): MockPortBinding => {
    if (last === undefined) throw new Error(`mock port ${path} was never opened`);
    return last;
  };
  return {
    path,
    binding,
    emit: (data) => require().emitData(data),
    written: () => Buffer.from(require().recording),
    opened: () => last,
  };
}
