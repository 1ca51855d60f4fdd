import type { Command } from './usage.ts';

/** Every subcommand of `lwm2m-hil`, in the order `--help` lists them. */
export const commands: Command[] = [];
