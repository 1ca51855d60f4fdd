import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceEnvironment, DeviceUnderTest, Stimulus, StimulusResult } from '../../harness/engine/device.ts';
import type { LabEvent } from '../../harness/engine/evidence.ts';
import { runConformance } from '../../harness/engine/runner.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { createVirtualWorld } from '../../harness/engine/virtual-world.ts';
import type { RunResults } from '../../reports/results-schema.ts';
import { EmulatedDevice } from '../emulated/emulated-device.ts';
import { registrationHealthCheck } from './registration-health.ts';

/*
 * The health check by registration, through the runner's hook, on the virtual clock: an emulated client
 * whose first power-ons stay silent stands for a board whose modem does not attach.
 */

const readsSerial = defineScenario({
  id: 'health-test-read-serial',
  title: 'reads the serial number',
  suite: 'test',
  verifies: ['LightweightM2M-HLF-001'],
  ets: [],
  precondition: 'registered',
  async run(ctx) {
    const read = await ctx.server.read(ctx.endpoint, '/3/0/2');
    ctx.check('Read /3/0/2 answers 2.05', read.code === '2.05', '2.05', read.code);
  },
});

const needsSms = defineScenario({ ...readsSerial, id: 'health-test-needs-sms', requires: { features: ['sms'] } });

/** An emulated device whose first `silent` power-ons do nothing (no Register), with the power events logged. */
class SilentAtFirst implements DeviceUnderTest {
  readonly inner: EmulatedDevice;
  private starts = 0;
  private silentOn = false;
  private readonly events: LabEvent[] = [];

  constructor(private readonly silent: number) {
    this.inner = new EmulatedDevice({ security: 'nosec', narrowTo: { objects: [0, 1, 3], bindings: ['U'], contentFormats: [0, 11542], features: { sms: false } } });
  }
  get name(): string {
    return this.inner.name;
  }
  get kind(): 'emulated' {
    return this.inner.kind;
  }
  get endpoint(): string {
    return this.inner.endpoint;
  }
  get capabilities() {
    return this.inner.capabilities;
  }
  get tolerances() {
    return { ...this.inner.tolerances, bootMs: 5000 };
  }
  async start(env: DeviceEnvironment): Promise<void> {
    this.starts++;
    this.events.push({ time: env.clock.now(), event: 'power on' });
    if (this.starts <= this.silent) {
      this.silentOn = true;
      return;
    }
    await this.inner.start(env);
  }
  async stop(): Promise<void> {
    this.silentOn = false;
    await this.inner.stop();
  }
  async powerCycle(): Promise<void> {
    throw new Error('not used by these tests');
  }
  stimulus(stimulus: Stimulus): Promise<StimulusResult> {
    return this.inner.stimulus(stimulus);
  }
  takeConsoleLines(): string[] {
    return [...(this.silentOn ? ['modem: no network'] : []), ...this.inner.takeConsoleLines()];
  }
  takeLabEvents(): LabEvent[] {
    this.inner.takeLabEvents();
    return this.events.splice(0);
  }
}

async function run(device: DeviceUnderTest, attempts: number): Promise<RunResults> {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-health-'));
  try {
    return await runConformance({
      scenarios: [readsSerial, needsSms],
      device,
      clock: 'virtual',
      seed: 7,
      selection: {},
      outDir: dir,
      version: 'test',
      createWorld: (seed) => createVirtualWorld({ seed }),
      healthCheck: registrationHealthCheck({ attempts }),
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a device that registers at once passes the health check and its scenarios run without extra evidence', async () => {
  const results = await run(new SilentAtFirst(0), 3);
  const read = results.scenarios.find((s) => s.id === readsSerial.id);
  assert.equal(read?.verdict, 'pass', read?.reason);
  assert.ok(!read?.evidence.some((e) => e.kind === 'note' && /health check/.test(e.text)));
});

test('a device that registers only after power cycles recovers; the first scenario carries the story', async () => {
  const results = await run(new SilentAtFirst(2), 3);
  const read = results.scenarios.find((s) => s.id === readsSerial.id);
  assert.equal(read?.verdict, 'pass', read?.reason);
  const events = read?.evidence.flatMap((e) => (e.kind === 'power' ? e.events.map((p) => p.event) : [])) ?? [];
  assert.equal(events.filter((e) => e === 'health check failed').length, 2);
  assert.ok(events.includes('board recovered'));
  assert.ok(read?.evidence.some((e) => e.kind === 'note' && /after 2 power cycle/.test(e.text)));
});

test('a device that never registers: its scenarios are error with the evidence, a not-supported one stays not-supported', async () => {
  const results = await run(new SilentAtFirst(1000), 2);
  const read = results.scenarios.find((s) => s.id === readsSerial.id);
  assert.equal(read?.verdict, 'error');
  assert.match(read?.reason ?? '', /lab fault.*did not register within 5000 ms of power-on in 2 power-on/);
  const events = read?.evidence.flatMap((e) => (e.kind === 'power' ? e.events.map((p) => p.event) : [])) ?? [];
  assert.deepEqual(events.filter((e) => e === 'power on').length, 2);
  assert.ok(read?.evidence.some((e) => e.kind === 'console' && e.lines.includes('modem: no network')), 'the console tail is evidence');
  const sms = results.scenarios.find((s) => s.id === needsSms.id);
  assert.equal(sms?.verdict, 'not-supported');
  assert.equal(results.summary.error, 1);
});
