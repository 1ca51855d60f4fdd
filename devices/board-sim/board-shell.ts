import type { EmulatedClient } from '../emulated/emulated-client.ts';

/** The prompt of the simulated board's shell (Zephyr's). */
export const BOARD_PROMPT = 'uart:~$ ';

export const BOARD_HELP = [
  'lwm2m set PATH VALUE   set a resource as the firmware would (a sensor reading), e.g. lwm2m set /3303/0/5700 25.5',
  'lwm2m update           send a Registration Update now',
  'lwm2m error CODE       report an error code in /3/0/11',
  'lwm2m status           registration state',
  'kernel reboot [cold]   restart the board (boot log, then it registers again)',
  'help                   this list',
];

/** What the shell can ask of the board beyond its client. */
export interface BoardControl {
  client(): EmulatedClient | undefined;
  reboot(): void;
}

/**
 * One shell command line on the simulated board; answers go to `out`, line by line, like Zephyr's shell
 * (errors are printed, the shell goes on). The caller prints the prompt afterwards.
 */
export function runShellLine(board: BoardControl, line: string, out: (text: string) => void): void {
  const words = line.trim().split(/\s+/).filter((w) => w !== '');
  const [command, sub, ...args] = words;
  if (command === undefined) return;
  try {
    if (command === 'help') {
      for (const l of BOARD_HELP) out(l);
      return;
    }
    if (command === 'kernel' && sub === 'reboot') {
      out('Rebooting...');
      board.reboot();
      return;
    }
    if (command !== 'lwm2m') {
      out(`${command}: command not found`);
      return;
    }
    const client = board.client();
    if (!client) throw new Error('the LwM2M client is not running');
    switch (sub) {
      case 'set': {
        const [path, ...value] = args;
        if (!path || value.length === 0) throw new Error('usage: lwm2m set PATH VALUE');
        client.stimulus.setText(path, value.join(' '));
        out(`ok ${path} = ${value.join(' ')}`);
        return;
      }
      case 'update':
        void client.stimulus.update();
        out('Registration update requested');
        return;
      case 'error': {
        const code = Number(args[0]);
        if (!Number.isInteger(code) || code < 0) throw new Error('usage: lwm2m error CODE');
        client.stimulus.raiseError(code);
        out(`ok error ${code}`);
        return;
      }
      case 'status':
        out(JSON.stringify(client.status()));
        return;
      default:
        throw new Error(`unknown lwm2m subcommand '${sub ?? ''}' (try help)`);
    }
  } catch (err) {
    out(`error: ${err instanceof Error ? err.message : String(err)}`);
  }
}
