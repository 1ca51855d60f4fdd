/** `lwm2m-hil devices check PROFILE.yaml`: validates a device profile and probes its ports, power control and binary. */
import { parseOptions } from '../../harness/cli/args.ts';
import { UsageError, type Command } from '../../harness/cli/usage.ts';
import { checkProfile, formatCheckReport } from './check.ts';

export const devicesCommand: Command = {
  name: 'devices',
  usage: 'devices check PROFILE.yaml',
  summary: 'validate a device profile and probe its serial port, power control and binary',
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== 'check') throw new UsageError(sub === undefined ? 'missing subcommand (check)' : `unknown subcommand '${sub}'`);
    const { positionals } = parseOptions(rest, {});
    if (positionals.length !== 1) throw new UsageError('devices check needs one profile file');
    const report = await checkProfile(positionals[0] as string);
    const text = formatCheckReport(report);
    process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    return report.ok ? 0 : 2;
  },
};
