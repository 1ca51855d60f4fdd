import type { Clock } from '../../../harness/clock/clock.ts';
import type { SerialBinding } from '../serial-port.ts';
import { MockBinding } from './mock-port.ts';

export interface RecordedSet {
  at: number;
  path: string;
  dtr: boolean | undefined;
  rts: boolean | undefined;
}

export interface RecordedWrite {
  at: number;
  path: string;
  bytes: Buffer;
}

/**
 * A serial binding for tests that records, in order and with the clock's time, every write and every
 * set() of control lines. PTYs reject the DTR/RTS ioctls, so this is how reset sequences are checked.
 * Ports exist only once created (`createPort`), like on MockBinding.
 */
export class RecordingBinding {
  readonly writes: RecordedWrite[] = [];
  readonly sets: RecordedSet[] = [];
  private static counter = 0;

  constructor(private readonly clock: Clock) {}

  /** Creates a mock port and returns its path. */
  createPort(name = 'REC'): string {
    const path = `/dev/tty${name}${process.pid}-${RecordingBinding.counter++}`;
    MockBinding.createPort(path, { echo: false, record: false });
    return path;
  }

  get binding(): SerialBinding {
    return {
      list: () => MockBinding.list(),
      open: async (options) => {
        const port = await MockBinding.open(options);
        const { clock, writes, sets } = this;
        const write = port.write.bind(port);
        const set = port.set.bind(port);
        port.write = async (buffer: Buffer) => {
          writes.push({ at: clock.now(), path: options.path, bytes: Buffer.from(buffer) });
          await write(buffer);
        };
        port.set = async (flags) => {
          sets.push({ at: clock.now(), path: options.path, dtr: flags.dtr, rts: flags.rts });
          await set(flags);
        };
        return port;
      },
    };
  }

  /** Everything written to one port, concatenated. */
  writtenTo(path: string): Buffer {
    return Buffer.concat(this.writes.filter((w) => w.path === path).map((w) => w.bytes));
  }
}
