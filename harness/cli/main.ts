import { commands as builtinCommands } from './commands.ts';
import { NO_PLUGINS, type CliPlugins } from './plugins.ts';
import { HarnessError } from '../errors.ts';
import { UsageError, formatUsage } from './usage.ts';

/** Runs the `lwm2m-hil` command; returns the exit code (DESIGN §4: 0 ok, 1 gate failed, 2 usage/config/harness error). */
export async function main(argv: string[], plugins: CliPlugins = NO_PLUGINS): Promise<number> {
  const commands = [...builtinCommands, ...plugins.commands];
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(formatUsage(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`lwm2m-hil: unknown command '${name}'\n\n${formatUsage(commands)}`);
    return 2;
  }
  try {
    return await command.run(rest, plugins);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`lwm2m-hil ${name}: ${error.message}\n  usage: lwm2m-hil ${command.usage}\n`);
      return 2;
    }
    if (error instanceof HarnessError && error.origin !== 'harness') {
      // Bad input or a lab problem: the message names the thing; a stack trace would only hide it.
      process.stderr.write(`lwm2m-hil ${name}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`lwm2m-hil ${name}: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return 2;
  }
}
