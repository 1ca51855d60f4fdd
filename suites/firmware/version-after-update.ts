/**
 * LightweightM2M-1.0-int-770 step 3.b: the firmware version the server retrieves is the installed one (HLF-003).
 *
 * Pass: after a successful push update (as in int-770), Read /3/0/3 Firmware Version gives the new package's
 * version. The update itself is HLF-004's subject: when it does not complete, this check cannot be reached
 * and the scenario is inconclusive.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { jsonOf, singleValue } from '../device-management/helpers/entries.ts';
import { ets, hlf } from '../device-management/helpers/ids.ts';
import { describeSnapshots, FwResult } from './helpers/firmware-state.ts';
import { installablePackage } from './helpers/packages.ts';
import { pushDelivery, runUpdateFlow } from './helpers/update-flow.ts';

export const versionAfterUpdate = defineScenario({
  id: `${ets(770)}-firmware-version`,
  title: 'After a firmware update /3/0/3 reports the new version',
  suite: 'firmware',
  verifies: [hlf(3)],
  ets: [ets(770), ets(652)],
  precondition: 'registered',
  requires: { features: ['firmware-push'], objects: [5] },
  timeoutMs: 10 * 60_000,
  async run(ctx: ScenarioContext) {
    const pkg = await installablePackage(ctx);
    const before = await ctx.server.read(ctx.endpoint, '/3/0/3');
    const previous = singleValue(before.entries, 3);
    if (previous === pkg.version) ctx.inconclusive(`the device already runs ${pkg.version}: a change could not be seen (supply a package with another version)`);
    const since = ctx.clock.now();
    const flow = await runUpdateFlow(ctx, pushDelivery(pkg.content));
    if (flow.final?.result !== FwResult.SUCCESS) {
      const path = describeSnapshots([flow.afterReset, ...flow.download, ...(flow.final ? [flow.final] : [])]).join(' -> ');
      ctx.inconclusive(`the firmware update did not complete (${path}; re-registered: ${flow.reRegistration !== undefined}), so the new version cannot be checked`);
    }
    ctx.note(`version before: ${JSON.stringify(jsonOf(previous))} (${before.code}); package ${pkg.version}`);
    ctx.expectEqual('Read /3/0/3 after the update gives the package version', pkg.version, flow.firmwareVersion ?? null);
    ctx.exchangeSince('Firmware update, then Read /3/0/3', since);
  },
});
