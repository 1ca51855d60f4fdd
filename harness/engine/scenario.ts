/**
 * The scenario model (DESIGN §3.6, §5): one conformance check, named by its ETS case where one exists, that
 * verifies one or more requirements. The runner prepares its precondition, runs it on the run's clock, and
 * turns what it recorded into a verdict.
 */
import type { DeviceFeature } from './device.ts';
import type { ScenarioContext } from './context.ts';

export type Precondition =
  /** Device powered on and registered with the reference server before run() starts (the usual case). */
  | 'registered'
  /** Nothing started: the scenario powers the device on itself (bootstrap, boot-time registration checks). */
  | 'powered-off';

export interface Scenario {
  /** Unique id: the ETS case id (`LightweightM2M-1.0-int-101`) or a descriptive id for checks without one. */
  id: string;
  title: string;
  /** Folder under suites/ it belongs to (registration, device-management, reporting, firmware, security...). */
  suite: string;
  /** Requirement ids exactly as in fixtures/requirements.json. */
  verifies: string[];
  /** ETS case ids this scenario implements or follows. */
  ets: string[];
  precondition: Precondition;
  /** Features and objects the device must have; when the profile declares one absent: not-supported. */
  requires?: { features?: DeviceFeature[]; objects?: number[] };
  /**
   * How many LwM2M servers the device is given (default 1): with 2 or more, the device is also pointed at the
   * world's additional servers (multi-server checks such as AZ-033); otherwise it sees the primary server only.
   */
  servers?: number;
  /**
   * 'psk': the device is pointed at the world's secure server (coaps, its PSK) instead of the plain one, and
   * ctx.server is that secure server (the precondition waits for the Register there). Security suites use it.
   */
  security?: 'psk';
  /**
   * 'sms': the scenario exercises the SMS bearer, which DTLS does not protect (SMS has security modes of its
   * own, not modelled). A run over DTLS (`run --dtls`) leaves it on the plain server; a DTLS-only device still
   * gets the secure one (and the scenario then says it could not reach SMS).
   */
  bearer?: 'sms';
  /** Budget on the run's clock, from power-on to the end of run() (default 10 min). */
  timeoutMs?: number;
  run(ctx: ScenarioContext): Promise<void>;
}

export const DEFAULT_SCENARIO_TIMEOUT_MS = 10 * 60_000;

/** Identity helper that keeps the literal types and gives editors completion. */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}
