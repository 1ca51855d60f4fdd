/**
 * A board on a serial console with power control, driven through its device profile (DESIGN §3.8, §3.9):
 * power on = open the console, switch the power driver on, wait for the ready pattern; a board that does not
 * come up within serial.bootTimeoutMs is power-cycled, up to serial.bootAttempts power-ons (default
 * MAX_BOOT_ATTEMPTS), then start() fails with a LabError (the scenario is `error`, with the console tail as evidence). Stimuli are the profile's console
 * command templates. Power off switches the driver off and releases the ports, so a finished run exits.
 */
import type { DeviceEnvironment, DeviceUnderTest, Stimulus, StimulusResult } from '../../harness/engine/device.ts';
import type { HealthReport } from '../../harness/engine/runner.ts';
import type { World } from '../../harness/engine/world.ts';
import { registrationHealthCheck } from '../common/registration-health.ts';
import { LabError } from '../lab/lab-error.ts';
import type { LoadedProfile } from '../profile/load.ts';
import { compilePattern } from '../profile/pattern.ts';
import { lineEndingBytes } from '../profile/schema.ts';
import type { PskCredentials } from '../profile/secrets.ts';
import { applyConsoleStimulus } from '../process/console-stimulus.ts';
import { ProfileDevice } from '../common/profile-device.ts';
import { builtInUriMismatch } from '../process/server-uri.ts';
import type { LineWait } from '../process/output-lines.ts';
import { SerialConsole } from './console.ts';
import { ConsoleMismatchError, ConsoleTimeoutError } from './console-errors.ts';
import { createPowerDriver } from './power/create-power-driver.ts';
import type { PowerDriver } from './power/power-driver.ts';
import type { SerialBinding } from './serial-port.ts';

/** Power-on attempts before the board counts as hung (the first boot and two power cycles), unless serial.bootAttempts says. */
export const MAX_BOOT_ATTEMPTS = 3;
/** How long the supply stays off in a power cycle (long enough for capacitors to drain on a real board). */
export const POWER_OFF_MS = 1000;

export interface SerialDeviceOptions {
  loaded: LoadedProfile;
  psk?: PskCredentials;
  /** Serial binding for console and relay (default: the OS's). */
  binding?: SerialBinding;
  /** Supply off time in a power cycle (default POWER_OFF_MS). */
  powerOffMs?: number;
}

export class SerialDevice extends ProfileDevice<'serial'> {
  private console: SerialConsole | undefined;
  private power: PowerDriver | undefined;
  private on = false;

  constructor(private readonly options: SerialDeviceOptions) {
    super(options.loaded, 'serial', options.psk);
  }

  /** Power-ons before the board counts as dead: the profile's serial.bootAttempts, else MAX_BOOT_ATTEMPTS. */
  get bootAttempts(): number {
    return this.config.bootAttempts ?? MAX_BOOT_ATTEMPTS;
  }

  /**
   * The runner's health check for this board (RunConfig.healthCheck): it must register within
   * tolerances.bootMs of power-on, power-cycled up to bootAttempts power-ons, or its scenarios are `error`.
   */
  healthCheck(): (world: World, device: DeviceUnderTest) => Promise<HealthReport> {
    return registrationHealthCheck({ attempts: this.bootAttempts });
  }

  async start(env: DeviceEnvironment): Promise<void> {
    if (this.on) return;
    this.env = env;
    const console = this.consoleFor(env);
    await console.open();
    const power = (this.power ??= this.powerFor(env, console));
    power.onEvent((event) => this.labEvents.push(event));
    this.on = true;
    const mismatch = builtInUriMismatch(this.profile, env);
    if (mismatch !== undefined) this.lab('lab warning', mismatch);
    try {
      await this.bootWithRetries(console, power);
    } catch (error) {
      await this.stop().catch(() => undefined);
      throw error;
    }
  }

  async stop(): Promise<void> {
    if (!this.on) return;
    this.on = false;
    try {
      await this.power?.off();
    } finally {
      await this.power?.close().catch(() => undefined);
      this.power = undefined;
      await this.console?.close().catch(() => undefined);
    }
  }

  async stimulus(stimulus: Stimulus): Promise<StimulusResult> {
    const console = this.console;
    if (!this.on || !console?.isOpen) return { applied: false, reason: 'the board is powered off' };
    return applyConsoleStimulus(this.profile.stimuli, stimulus, {
      write: async (line) => {
        console.discardUnread();
        await console.write(line);
      },
      waitFor: (want, options) => consoleWait(console, want, options),
    });
  }

  takeConsoleLines(): string[] {
    return (this.console?.takeLines() ?? []).map((l) => `${new Date(l.time).toISOString()} ${l.dir === 'tx' ? '> ' : ''}${l.text}`);
  }

  /** Power on and wait for the ready pattern; a board that stays silent is power-cycled (DESIGN §3.9). */
  private async bootWithRetries(console: SerialConsole, power: PowerDriver): Promise<void> {
    const ready = this.config.readyPattern === undefined ? undefined : compilePattern(this.config.readyPattern);
    const attempts = this.bootAttempts;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      console.discardUnread();
      if (attempt === 1) await power.on();
      else await power.cycle(this.options.powerOffMs ?? POWER_OFF_MS);
      if (ready === undefined) return;
      try {
        await console.expect(ready, { timeoutMs: this.config.bootTimeoutMs, what: 'waiting for the board to boot (serial.readyPattern)' });
        if (attempt > 1) this.lab('board recovered', `booted after ${attempt - 1} power cycle(s)`);
        return;
      } catch (error) {
        if (!(error instanceof ConsoleTimeoutError)) throw error;
        this.lab('board hung', `no line matching ${ready} within ${this.config.bootTimeoutMs} ms (attempt ${attempt} of ${attempts})`);
      }
    }
    throw new LabError(
      `the board did not boot: no line matching ${ready} within ${this.config.bootTimeoutMs} ms after ${attempts} power-ons; last console lines: ${JSON.stringify(console.tail(5))}`,
      { port: this.config.port, attempts },
    );
  }

  private consoleFor(env: DeviceEnvironment): SerialConsole {
    this.console ??= new SerialConsole({
      path: this.config.port,
      baudRate: this.config.baud,
      clock: env.clock,
      lineEnding: lineEndingBytes(this.config.lineEnding),
      ...(this.options.binding ? { binding: this.options.binding } : {}),
    });
    return this.console;
  }

  private powerFor(env: DeviceEnvironment, console: SerialConsole): PowerDriver {
    return createPowerDriver(this.profile.power, {
      clock: env.clock,
      console,
      cwd: this.options.loaded.dir,
      board: this.name,
      ...(this.options.binding ? { binding: this.options.binding } : {}),
    });
  }
}

/** A console expect as the stimulus helper's LineWait. */
async function consoleWait(console: SerialConsole, want: RegExp, options: { timeoutMs: number; fail?: readonly RegExp[] }): Promise<LineWait> {
  try {
    const match = await console.expect(want, { timeoutMs: options.timeoutMs, ...(options.fail ? { notMatching: options.fail } : {}) });
    return { kind: 'match', line: match.line };
  } catch (error) {
    if (error instanceof ConsoleTimeoutError) return { kind: 'timeout' };
    if (error instanceof ConsoleMismatchError) return { kind: 'failed', line: error.line };
    return { kind: 'ended' };
  }
}
