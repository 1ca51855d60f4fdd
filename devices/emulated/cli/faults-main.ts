import { parseArgs } from 'node:util';
import type { Command } from '../../../harness/cli/usage.ts';
import { catalogueJson } from '../fault-catalogue.ts';
import { processIo, type CliIo } from './cli-io.ts';

export const FAULTS_USAGE = 'faults [--json]';

/** `lwm2m-hil faults [--json]`: the fault catalogue, as a table or as `[{ name, breaks, description }]`. */
export async function runFaultsCommand(argv: string[], io: CliIo = processIo()): Promise<number> {
  let json = false;
  try {
    const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help) {
      io.out(`usage: lwm2m-hil ${FAULTS_USAGE}`);
      return 0;
    }
    json = values.json === true;
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\nusage: lwm2m-hil ${FAULTS_USAGE}`);
    return 2;
  }
  const catalogue = catalogueJson();
  if (json) {
    io.out(JSON.stringify(catalogue, null, 2));
    return 0;
  }
  const width = Math.max(...catalogue.map((f) => f.name.length));
  for (const f of catalogue) {
    io.out(`${f.name.padEnd(width)}  breaks ${f.breaks.map((id) => id.replace('LightweightM2M-', '')).join(', ')}`);
    io.out(`${''.padEnd(width)}  ${f.description}`);
  }
  return 0;
}

export const faultsCommand: Command = {
  name: 'faults',
  usage: FAULTS_USAGE,
  summary: 'list the fault profiles of the emulated client and the requirements each breaks',
  run: (argv) => runFaultsCommand(argv),
};
