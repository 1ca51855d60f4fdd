/**
 * Device health by registration (DESIGN §3.9), the check the runner runs before the suites (RunConfig
 * healthCheck): power the device on and wait for its Register; a device that does not register within its
 * boot tolerance (tolerances.bootMs, "power on until Register") is powered off and on again, up to `attempts`
 * power-ons. One that never registers is unhealthy: the runner marks its scenarios `error` (a lab fault) and
 * the report shows why, with the console tail and every power event as evidence.
 */
import type { DeviceUnderTest } from '../../harness/engine/device.ts';
import { consoleLines, note, powerEvents, type Evidence, type LabEvent } from '../../harness/engine/evidence.ts';
import type { HealthReport } from '../../harness/engine/runner.ts';
import type { World } from '../../harness/engine/world.ts';

/** Power-ons when the profile does not say (serial.bootAttempts): the first boot and two power cycles. */
export const DEFAULT_HEALTH_ATTEMPTS = 3;
/** Console lines kept as evidence of an unhealthy device. */
const CONSOLE_TAIL = 40;

export interface RegistrationHealthOptions {
  /** Power-ons in all (default DEFAULT_HEALTH_ATTEMPTS). */
  attempts?: number;
  /** How long each power-on may take until the Register (default: the device's tolerances.bootMs). */
  registerTimeoutMs?: number;
}

export function registrationHealthCheck(options: RegistrationHealthOptions = {}): (world: World, device: DeviceUnderTest) => Promise<HealthReport> {
  return async (world, device) => {
    const attempts = Math.max(1, options.attempts ?? DEFAULT_HEALTH_ATTEMPTS);
    const timeoutMs = options.registerTimeoutMs ?? device.tolerances.bootMs;
    const events: LabEvent[] = [];
    const console: string[] = [];
    const record = (event: string, detail: string): void => {
      events.push(...device.takeLabEvents(), { time: world.clock.now(), event, detail });
    };
    let lastFailure = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const since = world.clock.now();
      const failure = await powerOnAndRegister(world, device, timeoutMs, attempt > 1);
      if (failure !== undefined) lastFailure = failure;
      console.push(...device.takeConsoleLines());
      if (failure === undefined) {
        if (attempt > 1) record('board recovered', `registered after ${attempt - 1} power cycle(s)`);
        else events.push(...device.takeLabEvents());
        await device.stop();
        events.push(...device.takeLabEvents());
        const evidence: Evidence[] = attempt > 1 ? [note(`health check before the suites: the device registered only after ${attempt - 1} power cycle(s)`), powerEvents(events)] : [];
        return { healthy: true, evidence };
      }
      record('health check failed', `attempt ${attempt} of ${attempts}: ${failure} (${Math.round(world.clock.now() - since)} ms after power-on)`);
    }
    await device.stop().catch(() => undefined);
    events.push(...device.takeLabEvents());
    console.push(...device.takeConsoleLines());
    // The last failure names the cause when there is one to name (a serial port that does not exist).
    const reason = `the device did not register within ${timeoutMs} ms of power-on in ${attempts} power-on(s) (health check before the suites); last: ${lastFailure}`;
    const evidence: Evidence[] = [note(reason), powerEvents(events)];
    if (console.length > 0) evidence.push(consoleLines(console.slice(-CONSOLE_TAIL)));
    return { healthy: false, reason, evidence };
  };
}

/** One power-on (a cycle after the first); undefined when the device registered, else what went wrong. */
async function powerOnAndRegister(world: World, device: DeviceUnderTest, timeoutMs: number, cycle: boolean): Promise<string | undefined> {
  const since = world.clock.now();
  try {
    if (cycle) await device.stop();
    await device.start(world.env);
  } catch (error) {
    return `power-on failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  const servers = [world.server, ...(world.secure ? [world.secure.server] : [])];
  const registered = await new Promise<boolean>((resolve) => {
    const isDevice = (e: { registration: { endpoint: string } }): boolean => e.registration.endpoint === device.endpoint;
    const timer = world.clock.setTimeout(() => done(false), Math.max(0, timeoutMs - (world.clock.now() - since)));
    const offs = servers.map((server) => {
      const listener = (e: { registration: { endpoint: string } }): void => {
        if (isDevice(e)) done(true);
      };
      return server.on('registered', listener);
    });
    // A Register that arrived while start() was still waiting for the ready line counts too.
    if (servers.some((server) => server.recorded('registered', since).some(isDevice))) done(true);
    function done(ok: boolean): void {
      timer.cancel();
      for (const off of offs) off();
      resolve(ok);
    }
  });
  return registered ? undefined : `no Register within ${timeoutMs} ms`;
}
