/**
 * LightweightM2M-1.0-int-770 (with int-755): firmware update by push (HLF-004), and the state machine of a
 * successful update (HLF-005).
 *
 * Pass: Write /5/0/1 "" resets to State 0 / Update Result 0; Write of the package to /5/0/0 (Block1 when it is
 * larger than one block) answers 2.04; State reaches 2 Downloaded with Update Result still 0; Exec /5/0/2
 * answers 2.04; the device restarts and sends a new Register; then State is 0 and Update Result 1, and
 * /3/0/3 or /5/0/7 shows the package's version.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { ets, hlf } from '../device-management/helpers/ids.ts';
import { describeSnapshots } from './helpers/firmware-state.ts';
import { installablePackage } from './helpers/packages.ts';
import { pushDelivery, runUpdateFlow } from './helpers/update-flow.ts';
import { checkSuccessfulUpdate } from './helpers/update-checks.ts';

export const pushUpdate = defineScenario({
  id: ets(770),
  title: 'Firmware update by push: Write /5/0/0, Exec /5/0/2, Update Result 1, re-registration',
  suite: 'firmware',
  verifies: [hlf(4), hlf(5)],
  ets: [ets(770), ets(755)],
  precondition: 'registered',
  requires: { features: ['firmware-push'], objects: [5] },
  timeoutMs: 10 * 60_000,
  async run(ctx: ScenarioContext) {
    const pkg = await installablePackage(ctx);
    const since = ctx.clock.now();
    const flow = await runUpdateFlow(ctx, pushDelivery(pkg.content));
    ctx.note(`package ${pkg.name} (${pkg.content.length} bytes, version ${pkg.version}); delivery took ${flow.delivery.traceIds.length} datagrams`);
    ctx.note(`state machine: ${describeSnapshots([flow.afterReset, ...flow.download, ...(flow.final ? [flow.final] : [])]).join(' -> ')}`);
    checkSuccessfulUpdate(ctx, flow, pkg.version, 'Write /5/0/0 (package)');
    ctx.exchangeSince('Firmware update by push', since);
  },
});

