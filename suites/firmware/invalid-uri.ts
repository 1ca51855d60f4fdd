/**
 * LightweightM2M-1.0-int-778: a Package URI the device cannot fetch from is reported (HLF-005).
 *
 * Pass: from State 0 (after Write /5/0/1 ""), Write /5/0/1 with a coap:// URI on the harness's package
 * server that serves nothing there (4.04) answers 2.04; the state machine never reaches 2 and settles in
 * State 0 with an Update Result that reports a failure. The ETS expects 7 (invalid URI); any other failure
 * code is a warning (the failure was reported, with another reason), Update Result 0 is a failure.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { jsonOf } from '../device-management/helpers/entries.ts';
import { ets, hlf } from '../device-management/helpers/ids.ts';
import { describeSnapshots, FwResult, FwState, pollFirmwareState } from './helpers/firmware-state.ts';
import { openPackageServer } from './helpers/package-server.ts';
import { DOWNLOAD_BUDGET_MS, pullDelivery, startFromIdle } from './helpers/update-flow.ts';

const MISSING_PATH = '/fw/no-such-package.bin';
/** Update Result values that report a failed download or update (TS object 5, 1.0). */
const FAILURE_RESULTS = [2, 3, 4, 5, 6, 7, 8, 9];

export const invalidUri = defineScenario({
  id: ets(778),
  title: 'A Package URI that cannot be fetched ends in State 0 with Update Result 7',
  suite: 'firmware',
  verifies: [hlf(5)],
  ets: [ets(778)],
  precondition: 'registered',
  requires: { features: ['firmware-pull'], objects: [5] },
  async run(ctx: ScenarioContext) {
    const repo = await openPackageServer(ctx, new Map());
    const since = ctx.clock.now();
    await startFromIdle(ctx);
    const write = await pullDelivery(repo.uri(MISSING_PATH))(ctx);
    ctx.require('Write /5/0/1 (URI without a package) answers 2.04', write.code === '2.04', '2.04', write.code);
    const seen = await pollFirmwareState(ctx, (s) => s.state === FwState.DOWNLOADED || (s.state === FwState.IDLE && s.result !== FwResult.INITIAL), { timeoutMs: DOWNLOAD_BUDGET_MS });
    const last = seen[seen.length - 1];
    ctx.note(`state machine: ${describeSnapshots(seen).join(' -> ')}; package server saw ${JSON.stringify(repo.requests)}`);
    ctx.check('State never reaches 2 (Downloaded)', !seen.some((s) => s.state === FwState.DOWNLOADED), 'never 2', describeSnapshots(seen));
    ctx.expectEqual('State settles at 0 (Idle)', FwState.IDLE, jsonOf(last?.state));
    const result = last?.result;
    ctx.check('Update Result reports the failure', result !== undefined && FAILURE_RESULTS.includes(result), FwResult.INVALID_URI, jsonOf(result));
    if (result !== undefined && result !== FwResult.INVALID_URI && FAILURE_RESULTS.includes(result)) {
      ctx.warn('fw-result-not-7', `the failed fetch was reported as Update Result ${result}; the ETS (int-778) expects 7 (invalid URI)`);
    }
    ctx.exchangeSince('Package URI without a package, state machine polled', since);
  },
});
