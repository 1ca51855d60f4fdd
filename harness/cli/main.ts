import { commands } from './commands.ts';
import { UsageError, formatUsage } from './usage.ts';

/** Runs the `lwm2m-hil` command; returns the exit code (DESIGN §4: 0 ok, 1 gate failed, 2 usage/config/harness error). */
export async function main(argv: string[]): Promise<number> {
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
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`lwm2m-hil ${name}: ${error.message}\n  usage: lwm2m-hil ${command.usage}\n`);
      return 2;
    }
    process.stderr.write(`lwm2m-hil ${name}: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return 2;
  }
}
