import type { EmulatedClient } from '../emulated-client.ts';

export const CONSOLE_HELP = [
  'set PATH VALUE   the device sets a resource (a sensor reading, a switch), e.g. set /3303/0/5700 25.5',
  'update           send a Registration Update now',
  'reboot           restart the device (it registers again)',
  'error CODE       report an error code in /3/0/11',
  'wake             wake a sleeping queue-mode device',
  'status           registration state, location, lifetime, observations',
  'quit             de-register and exit',
  'help             this list',
];

export type ConsoleOutcome = 'continue' | 'quit';

/** Runs one console line on the client; answers go to `out`, mistakes to `err` (the console goes on). */
export function runConsoleLine(client: EmulatedClient, line: string, out: (s: string) => void, err: (s: string) => void): ConsoleOutcome {
  const [command, ...args] = line.trim().split(/\s+/);
  try {
    switch (command) {
      case undefined:
      case '':
        return 'continue';
      case 'set': {
        const [path, ...rest] = args;
        if (!path || rest.length === 0) throw new Error('usage: set PATH VALUE');
        client.stimulus.setText(path, rest.join(' '));
        out(`ok ${path} = ${rest.join(' ')}`);
        return 'continue';
      }
      case 'update':
        void client.stimulus.update();
        return 'continue';
      case 'reboot':
        client.stimulus.reboot();
        return 'continue';
      case 'error': {
        const code = Number(args[0]);
        if (!Number.isInteger(code) || code < 0) throw new Error('usage: error CODE (a whole number)');
        client.stimulus.raiseError(code);
        out(`ok error ${code}`);
        return 'continue';
      }
      case 'wake':
        client.stimulus.wake();
        return 'continue';
      case 'status':
        out(JSON.stringify(client.status()));
        return 'continue';
      case 'quit':
      case 'exit':
        return 'quit';
      case 'help':
        for (const l of CONSOLE_HELP) out(l);
        return 'continue';
      default:
        throw new Error(`unknown command '${command}' (try help)`);
    }
  } catch (e) {
    err(`error: ${e instanceof Error ? e.message : String(e)}`);
    return 'continue';
  }
}
