/**
 * Runs one scenario in its world and turns what happened into an outcome (DESIGN §3.6):
 * expectations decide pass/fail; a ScenarioStop carries its own verdict; anything thrown from the device side
 * (a timeout waiting for it) is inconclusive; anything else is the harness's or the lab's fault: error.
 * Teardown always runs, last-in first-out, and the device is powered off at the end.
 */
import type { TraceEntry } from '../coap/trace.ts';
import { sameEndpoint, type Endpoint } from '../net/transport.ts';
import { consoleLines, powerEvents, shapingEvents, type Evidence } from './evidence.ts';
import { ScenarioContext } from './context.ts';
import type { DeviceUnderTest } from './device.ts';
import { DEFAULT_SCENARIO_TIMEOUT_MS, type Scenario } from './scenario.ts';
import { isScenarioStop } from './signals.ts';
import { scenarioWorld } from './scenario-env.ts';
import { secureScenarioWorld } from './secure-scenario.ts';
import { outcome, outcomeFromError, outcomeFromEvidence, type ScenarioOutcome } from './verdict.ts';
import type { World } from './world.ts';

const TEARDOWN_BUDGET_MS = 120_000;
const MAX_LAB_EVENTS = 200;

export async function executeScenario(scenario: Scenario, world: World, device: DeviceUnderTest, options: { overDtls?: boolean } = {}): Promise<ScenarioOutcome> {
  const ctx = new ScenarioContext(secureScenarioWorld(scenario, scenarioWorld(scenario, world), device, options), device);
  const budget = scenario.timeoutMs ?? DEFAULT_SCENARIO_TIMEOUT_MS;
  let result: ScenarioOutcome;
  try {
    await world.drive(runBody(scenario, ctx), budget);
    result = outcomeFromEvidence(ctx.evidence, { warnings: ctx.warnings });
  } catch (error) {
    result = outcomeOfThrow(error, ctx);
  }
  try {
    await world.drive(
      (async () => {
        await ctx.runTeardowns();
        await device.stop();
      })(),
      TEARDOWN_BUDGET_MS,
    );
  } catch (error) {
    ctx.note(`teardown did not complete: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { ...result, evidence: [...result.evidence, ...labEvidence(world, device)] };
}

async function runBody(scenario: Scenario, ctx: ScenarioContext): Promise<void> {
  if (scenario.precondition === 'registered') {
    const since = ctx.clock.now();
    await ctx.device.start(ctx.world.env);
    const { registration } = await ctx.server.waitFor('registered', (e) => e.registration.endpoint === ctx.endpoint, ctx.tolerances.bootMs, { since });
    await registerAnswerSent(ctx, registration.address, since);
  }
  await scenario.run(ctx);
}

const ANSWER_WAIT_MS = 5000;

/**
 * The server reports a registration while it handles the Register, before its 2.01 is on the wire. A scenario
 * that started at once would reach the device ahead of that answer, while it is still registering; so the
 * precondition holds only once the answer has left (the link delivers in order).
 */
async function registerAnswerSent(ctx: ScenarioContext, device: Endpoint, since: number): Promise<void> {
  const isAnswer = (e: TraceEntry): boolean =>
    e.direction === 'out' && e.time >= since && sameEndpoint(e.remote, device) && e.message?.code === '2.01';
  if (ctx.trace.entries({ from: since }).some(isAnswer)) return;
  await new Promise<void>((resolve) => {
    const off = ctx.trace.onEntry((entry) => {
      if (!isAnswer(entry)) return;
      off();
      timer.cancel();
      resolve();
    });
    const timer = ctx.clock.setTimeout(() => {
      off();
      resolve();
    }, ANSWER_WAIT_MS);
  });
}

function outcomeOfThrow(error: unknown, ctx: ScenarioContext): ScenarioOutcome {
  if (isScenarioStop(error)) return outcome(error.verdict, error.message, { evidence: ctx.evidence, warnings: ctx.warnings });
  const fromError = outcomeFromError(error);
  return { ...fromError, evidence: [...ctx.evidence, ...fromError.evidence], warnings: [...ctx.warnings] };
}

function labEvidence(world: World, device: DeviceUnderTest): Evidence[] {
  const out: Evidence[] = [];
  const lines = device.takeConsoleLines();
  if (lines.length > 0) out.push(consoleLines(lines.slice(-MAX_LAB_EVENTS)));
  const power = device.takeLabEvents();
  if (power.length > 0) out.push(powerEvents(power.slice(-MAX_LAB_EVENTS)));
  const shaping = world.takeShapingEvents();
  if (shaping.length > 0) out.push(shapingEvents(shaping.slice(-MAX_LAB_EVENTS)));
  return out;
}
