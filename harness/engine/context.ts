/**
 * What a scenario sees: the server, the device, the clock, and a recorder for its checks, warnings and
 * evidence. A scenario states expectations (check/expectEqual); the runner turns the record into a verdict:
 * every expectation held -> pass, any failed -> fail, none made -> inconclusive.
 */
import type { Clock } from '../clock/clock.ts';
import type { Trace, TraceEntry } from '../coap/trace.ts';
import type { ShapingProfile } from '../net/impairment.ts';
import type { LwM2MServer } from '../lwm2m/server/lwm2m-server.ts';
import type { BootstrapServer } from '../lwm2m/bootstrap/bootstrap-server.ts';
import type { Registration } from '../lwm2m/server/registration/registration.ts';
import type { DeviceUnderTest, Stimulus, TimingTolerances } from './device.ts';
import { expectation, exchange, note, type Evidence, type JsonValue } from './evidence.ts';
import { ScenarioStop } from './signals.ts';
import { warning, type VerdictWarning } from './verdict.ts';
import type { World } from './world.ts';

export class ScenarioContext {
  readonly evidence: Evidence[] = [];
  readonly warnings: VerdictWarning[] = [];
  private readonly teardowns: Array<() => Promise<void> | void> = [];

  constructor(
    readonly world: World,
    readonly device: DeviceUnderTest,
  ) {}

  get server(): LwM2MServer {
    return this.world.server;
  }
  get bootstrapServer(): BootstrapServer {
    return this.world.bootstrap;
  }
  get clock(): Clock {
    return this.world.clock;
  }
  get trace(): Trace {
    return this.world.trace;
  }
  get endpoint(): string {
    return this.device.endpoint;
  }
  get tolerances(): TimingTolerances {
    return this.device.tolerances;
  }

  /** The device's current registration; inconclusive when it has none (the scenario cannot reach its check). */
  registration(): Registration {
    const reg = this.server.get(this.endpoint);
    if (!reg) this.inconclusive(`device '${this.endpoint}' is not registered`);
    return reg;
  }

  /** Records one expectation; returns whether it held. The scenario goes on either way. */
  check(what: string, ok: boolean, expected: JsonValue, observed: JsonValue): boolean {
    this.evidence.push(expectation(expected, observed, ok, what));
    return ok;
  }

  /** Deep-equality expectation. */
  expectEqual(what: string, expected: JsonValue, observed: JsonValue): boolean {
    return this.check(what, JSON.stringify(expected) === JSON.stringify(observed), expected, observed);
  }

  /** Like check, but a failed one ends the scenario (later steps would only repeat the failure). */
  require(what: string, ok: boolean, expected: JsonValue, observed: JsonValue): void {
    if (!this.check(what, ok, expected, observed)) throw new ScenarioStop('fail', `${what}: expected ${show(expected)}, observed ${show(observed)}`);
  }

  /** A deviation from a SHOULD: a warning on the verdict, never a fail. */
  warn(code: string, message: string): void {
    this.warnings.push(warning(code, message));
  }

  note(text: string): void {
    this.evidence.push(note(text));
  }

  /** Records the messages that show a behaviour (trace entry ids). */
  exchange(summary: string, traceIds: Iterable<number>): void {
    this.evidence.push(exchange(summary, traceIds));
  }

  /** Records every trace entry since `since` (run clock ms) as the exchange that shows a behaviour. */
  exchangeSince(summary: string, since: number): void {
    const ids = this.trace.entries({ from: since }).map((e: TraceEntry) => e.id);
    this.exchange(summary, ids);
  }

  inconclusive(reason: string): never {
    throw new ScenarioStop('inconclusive', reason);
  }

  notSupported(reason: string): never {
    throw new ScenarioStop('not-supported', reason);
  }

  /** Ends the scenario as failed with a reason (for a failure that is not a single expectation). */
  fail(what: string, expected: JsonValue, observed: JsonValue): never {
    this.check(what, false, expected, observed);
    throw new ScenarioStop('fail', `${what}: expected ${show(expected)}, observed ${show(observed)}`);
  }

  /** Asks the device to do something LwM2M cannot cause; without the stimulus the check cannot be reached. */
  async stimulus(stimulus: Stimulus): Promise<void> {
    const result = await this.device.stimulus(stimulus);
    if (!result.applied) this.inconclusive(`stimulus ${stimulus.kind} is not available: ${result.reason}`);
    this.note(`stimulus: ${describeStimulus(stimulus)}`);
  }

  /** Impairs the device's link; inconclusive when the harness is not in the device's path. */
  shapeLink(profile: ShapingProfile): void {
    if (!this.world.link) this.inconclusive('the harness has no control over the device link (no shaping proxy configured)');
    const before = this.world.link.transport.profile;
    this.world.link.setProfile(profile);
    this.defer(() => this.world.link?.setProfile(before));
  }

  sleep(ms: number): Promise<void> {
    return this.clock.sleep(ms);
  }

  /** Registers a teardown step; they run last-in first-out after the scenario, whatever its outcome. */
  defer(teardown: () => Promise<void> | void): void {
    this.teardowns.push(teardown);
  }

  /** Runs the teardowns (LIFO); a failing teardown is recorded and the others still run. */
  async runTeardowns(): Promise<void> {
    while (this.teardowns.length > 0) {
      const step = this.teardowns.pop() as () => Promise<void> | void;
      try {
        await step();
      } catch (error) {
        this.note(`teardown failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

function show(value: JsonValue): string {
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function describeStimulus(s: Stimulus): string {
  switch (s.kind) {
    case 'set-value':
      return `set ${s.path} = ${s.value}`;
    case 'raise-error':
      return `raise error code ${s.code}`;
    default:
      return s.kind;
  }
}
