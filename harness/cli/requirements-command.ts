/** `lwm2m-hil requirements [--json]`: the requirement catalogue with the scenarios that cover each requirement. */
import { requirements } from '../engine/catalogue.ts';
import { parseOptions } from './args.ts';
import { UsageError, type Command } from './usage.ts';

export const requirementsCommand: Command = {
  name: 'requirements',
  usage: 'requirements [--json]',
  summary: 'list the requirement catalogue and the scenarios covering each requirement',
  async run(argv, plugins) {
    const { values, positionals } = parseOptions(argv, { json: { type: 'boolean', default: false } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const scenarios = await plugins.scenarios();
    const rows = requirements().map((r) => ({
      id: r.id,
      title: r.title,
      release: r.release,
      group: r.group,
      interface: r.interface,
      scenarios: scenarios.filter((s) => s.verifies.includes(r.id)).map((s) => s.id),
    }));
    if (values.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    for (const row of rows) {
      const coverage = row.release === 'FFS' ? 'FFS (not-applicable)' : row.scenarios.length > 0 ? row.scenarios.join(', ') : 'NOT COVERED';
      process.stdout.write(`${row.id.padEnd(24)} ${row.title.padEnd(44).slice(0, 44)} ${coverage}\n`);
    }
    return 0;
  },
};
