/**
 * `lwm2m-hil board-sim`: the simulated board on two PTY pairs for manual work with a serial profile. Prints
 * the harness's ends of the console and relay pairs (for serial.port and power.port of board-sim.yaml) and
 * runs until interrupted.
 */
import { parseOptions } from '../../harness/cli/args.ts';
import { UsageError, type Command } from '../../harness/cli/usage.ts';
import { BoardSimulator } from './board-simulator.ts';
import { openPtyPair } from './pty-pair.ts';

export const boardSimCommand: Command = {
  name: 'board-sim',
  usage: 'board-sim [--server URI] [--endpoint EP] [--lifetime S] [--hang-boots N]',
  summary: 'run the simulated board (emulated client behind a PTY shell and a simulated LCUS relay)',
  async run(argv) {
    const { values, positionals } = parseOptions(argv, {
      server: { type: 'string', default: 'coap://127.0.0.1:5683' },
      endpoint: { type: 'string', default: 'board-sim-1' },
      'hang-boots': { type: 'string', default: '0' },
      lifetime: { type: 'string', default: '300' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const hangBoots = Number(values['hang-boots']);
    if (!Number.isInteger(hangBoots) || hangBoots < 0) throw new UsageError(`--hang-boots must be a whole number, got '${values['hang-boots']}'`);
    const lifetime = Number(values.lifetime);
    if (!Number.isInteger(lifetime) || lifetime < 1) throw new UsageError(`--lifetime must be a whole number of seconds, got '${values.lifetime}'`);
    const consolePair = await openPtyPair();
    const relayPair = await openPtyPair();
    const board = new BoardSimulator({ consolePort: consolePair.board, relayPort: relayPair.board, serverUri: values.server, endpoint: values.endpoint, hangBoots, lifetime });
    await board.open();
    process.stdout.write(`serial.port: ${consolePair.harness}\npower.port: ${relayPair.harness}  (LCUS, channel 1)\nfirmware server: ${values.server}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await board.close();
    await consolePair.close();
    await relayPair.close();
    return 0;
  },
};
