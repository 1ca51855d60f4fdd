import type { Command } from './usage.ts';
import { reportCommand } from './report-command.ts';
import { requirementsCommand } from './requirements-command.ts';
import { runCommand } from './run-command.ts';
import { serverCommand } from './server-command.ts';

/** Every subcommand of `lwm2m-hil`, in the order `--help` lists them. */
export const commands: Command[] = [runCommand, requirementsCommand, reportCommand, serverCommand];
