import type { CliPlugins } from './plugins.ts';

/** A subcommand of `lwm2m-hil`. Each lives in its own file and is listed in commands.ts (or comes as a plugin). */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(argv: string[], plugins: CliPlugins): Promise<number>;
}

/** Bad command-line input: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function formatUsage(commands: readonly Command[]): string {
  const lines = ['usage: lwm2m-hil <command> [options]', '', 'commands:'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(14)}${c.summary}`, `  ${''.padEnd(14)}lwm2m-hil ${c.usage}`);
  return lines.join('\n') + '\n';
}
