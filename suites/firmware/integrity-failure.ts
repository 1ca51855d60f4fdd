/**
 * LightweightM2M-1.0-int-776: a package that fails the integrity check is reported (HLF-005).
 *
 * Pass: from State 0 (after Write /5/0/1 ""), a corrupted copy of a good package written to /5/0/0 answers
 * 2.04; the state machine never reaches 2 (Downloaded) and settles in State 0 with Update Result 5 (integrity
 * check failure). A device that calls the corrupted image an unsupported package type (6) has also reported
 * the failure: a warning, not a failure. Update Result staying 0 means the failure went unreported: fail.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { jsonOf } from '../device-management/helpers/entries.ts';
import { ets, hlf } from '../device-management/helpers/ids.ts';
import { describeSnapshots, FwResult, FwState, pollFirmwareState } from './helpers/firmware-state.ts';
import { corruptedCopy, installablePackage } from './helpers/packages.ts';
import { DOWNLOAD_BUDGET_MS, pushDelivery, startFromIdle } from './helpers/update-flow.ts';

export const integrityFailure = defineScenario({
  id: ets(776),
  title: 'A corrupted package ends in State 0 with Update Result 5',
  suite: 'firmware',
  verifies: [hlf(5)],
  ets: [ets(776)],
  precondition: 'registered',
  requires: { features: ['firmware-push'], objects: [5] },
  async run(ctx: ScenarioContext) {
    const pkg = await installablePackage(ctx);
    const since = ctx.clock.now();
    await startFromIdle(ctx);
    const push = await pushDelivery(corruptedCopy(pkg))(ctx);
    ctx.require('Write /5/0/0 (corrupted package) answers 2.04', push.code === '2.04', '2.04', push.code);

    // Settled: back in Idle with a result, or (a bug) in Idle with no result after giving the device time.
    const seen = await pollFirmwareState(ctx, (s) => s.state === FwState.DOWNLOADED || (s.state === FwState.IDLE && s.result !== FwResult.INITIAL), { timeoutMs: DOWNLOAD_BUDGET_MS });
    const last = seen[seen.length - 1];
    ctx.note(`state machine: ${describeSnapshots(seen).join(' -> ')}`);
    ctx.check('State never reaches 2 (Downloaded)', !seen.some((s) => s.state === FwState.DOWNLOADED), 'never 2', describeSnapshots(seen));
    ctx.expectEqual('State settles at 0 (Idle)', FwState.IDLE, jsonOf(last?.state));
    const reported = last?.result === FwResult.INTEGRITY_FAILURE || last?.result === FwResult.UNSUPPORTED_PACKAGE;
    ctx.check('Update Result reports the failure (5 integrity check failure)', reported, FwResult.INTEGRITY_FAILURE, jsonOf(last?.result));
    if (last?.result === FwResult.UNSUPPORTED_PACKAGE) ctx.warn('fw-result-6-not-5', 'the corrupted package was reported as unsupported package type (6); the ETS (int-776) expects integrity check failure (5)');
    ctx.exchangeSince('Corrupted package pushed, state machine polled', since);
  },
});
