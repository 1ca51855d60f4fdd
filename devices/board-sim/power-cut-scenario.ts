/**
 * A scenario for the serial path that cuts the board's power in its middle (DESIGN §3.9): read the device,
 * power-cycle it, and check it comes back registered and readable with the same identity. It is not a
 * conformance scenario of suites/ (it checks the lab's power path as much as the device), so the board-sim
 * tests add it to the suites they run.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';

export const POWER_CUT_SCENARIO_ID = 'board-sim-power-cut';

export const powerCutScenario = defineScenario({
  id: POWER_CUT_SCENARIO_ID,
  title: 'the board comes back after a power cut in the middle of a scenario',
  suite: 'board-sim',
  verifies: ['LightweightM2M-HLF-001'],
  ets: [],
  precondition: 'registered',
  timeoutMs: 60_000,
  async run(ctx) {
    const before = await ctx.server.read(ctx.endpoint, '/3/0/2');
    ctx.check('the serial number is readable before the cut', before.code === '2.05', '2.05', before.code);
    const since = ctx.clock.now();
    const cutFrom = ctx.server.get(ctx.endpoint)?.id;
    await ctx.device.powerCycle();
    // A new registration, not the one before the cut (on the virtual clock both may carry the same time).
    const back = await ctx.server.waitFor('registered', (e) => e.registration.endpoint === ctx.endpoint && e.registration.id !== cutFrom, ctx.tolerances.bootMs, { since });
    ctx.check('the board registers again after the power cut', back.registration.endpoint === ctx.endpoint, ctx.endpoint, back.registration.endpoint);
    const after = await ctx.server.read(ctx.endpoint, '/3/0/2');
    ctx.expectEqual('the serial number is the same after the cut', String(before.entries?.[0]?.value ?? ''), String(after.entries?.[0]?.value ?? ''));
  },
});
