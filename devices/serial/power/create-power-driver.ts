import type { Readable, Writable } from 'node:stream';
import type { Clock } from '../../../harness/clock/clock.ts';
import { InputError } from '../../../harness/errors.ts';
import type { PowerConfig } from '../../profile/schema.ts';
import type { SerialBinding } from '../serial-port.ts';
import { ControlPort, DtrRtsPowerDriver } from './dtr-rts.ts';
import type { ControlLines } from './dtr-rts.ts';
import { ExternalCommandPowerDriver } from './external-command.ts';
import { LcusPowerDriver } from './lcus.ts';
import { ManualPowerDriver } from './manual.ts';
import { NoPowerDriver } from './no-power.ts';
import { NumatoPowerDriver } from './numato.ts';
import type { PowerDriver } from './power-driver.ts';

export interface PowerDriverDeps {
  clock: Clock;
  /** Serial binding for relay and reset ports (default: the OS's). */
  binding?: SerialBinding;
  /** The board's open console: DTR/RTS on the console's port go through it rather than a second open. */
  console?: ControlLines;
  /** Folder external commands run in (the profile's folder). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** The operator's terminal for manual power (default: stdin / stderr). */
  input?: Readable;
  output?: Writable;
  /** The board's name for the operator (default: "the board"). */
  board?: string;
}

/** The driver a profile's `power` section asks for. */
export function createPowerDriver(power: PowerConfig, deps: PowerDriverDeps): PowerDriver {
  const { clock, binding } = deps;
  switch (power.type) {
    case 'lcus':
      return new LcusPowerDriver({ port: power.port, channel: power.channel, baud: power.baud, clock, binding });
    case 'numato':
      return new NumatoPowerDriver({ port: power.port, relay: power.relay, baud: power.baud, clock, binding });
    case 'command':
      return new ExternalCommandPowerDriver({ on: power.on, off: power.off, cycle: power.cycle, clock, cwd: deps.cwd, env: deps.env, timeoutMs: power.timeoutMs });
    case 'dtr-rts': {
      const sameAsConsole = deps.console !== undefined && (power.port === undefined || power.port === deps.console.path);
      if (sameAsConsole && deps.console !== undefined) {
        return new DtrRtsPowerDriver({ lines: deps.console, sequence: power.sequence, off: power.off, on: power.on, clock });
      }
      if (power.port === undefined) throw new InputError('power.port: a DTR/RTS driver needs a port (or an open console to use)', { field: 'power.port' });
      const own = new ControlPort(power.port, binding);
      return new DtrRtsPowerDriver({ lines: own, sequence: power.sequence, off: power.off, on: power.on, clock, owned: own });
    }
    case 'manual':
      return new ManualPowerDriver({ input: deps.input ?? process.stdin, output: deps.output ?? process.stderr, board: power.board ?? deps.board ?? 'the board', clock });
    case 'none':
      return new NoPowerDriver(clock);
  }
}
