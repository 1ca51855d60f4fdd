import type { Clock } from '../../../harness/clock/clock.ts';
import { expandTemplate } from '../../profile/template.ts';
import { describeCommand, runCommand } from '../../lab/run-command.ts';
import type { CommandSpec } from '../../lab/run-command.ts';
import { BasePowerDriver } from './power-driver.ts';

export interface ExternalCommandOptions {
  on: CommandSpec;
  off: CommandSpec;
  /** A single command for off-wait-on (may use {offMs} and {offSeconds}); default: off, wait, on. */
  cycle?: CommandSpec;
  clock: Clock;
  /** Where the commands run (the profile's folder). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * Power through any command line tool: uhubctl switching a USB hub port, a networked PDU's CLI, a lab
 * script. A non-zero exit is a LabError carrying the end of the tool's stderr.
 */
export class ExternalCommandPowerDriver extends BasePowerDriver {
  constructor(private readonly options: ExternalCommandOptions) {
    super(options.clock);
  }

  describe(): string {
    return `external command (on: ${describeCommand(this.options.on)}; off: ${describeCommand(this.options.off)})`;
  }

  async on(): Promise<void> {
    await this.run(this.options.on, 'power on');
    this.emit('power on', describeCommand(this.options.on));
  }

  async off(): Promise<void> {
    await this.run(this.options.off, 'power off');
    this.emit('power off', describeCommand(this.options.off));
  }

  override async cycle(offMs: number): Promise<void> {
    const template = this.options.cycle;
    if (template === undefined) return super.cycle(offMs);
    const values = { offMs: String(offMs), offSeconds: String(offMs / 1000) };
    const command = typeof template === 'string' ? expandTemplate(template, values, 'power.cycle') : template.map((a, i) => expandTemplate(a, values, `power.cycle[${i}]`));
    this.emit('power cycle start', describeCommand(command));
    await this.run(command, 'power cycle');
    this.emit('power cycle done');
  }

  private async run(command: CommandSpec, purpose: string): Promise<void> {
    await runCommand(command, { purpose, cwd: this.options.cwd, env: this.options.env, timeoutMs: this.options.timeoutMs });
  }
}
