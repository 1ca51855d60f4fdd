/**
 * The expectations of a successful update flow (int-770 pass criteria), shared by the push and pull scenarios.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import { jsonOf } from '../../device-management/helpers/entries.ts';
import { FwResult, FwState } from './firmware-state.ts';
import type { UpdateFlow } from './update-flow.ts';

export function checkSuccessfulUpdate(ctx: ScenarioContext, flow: UpdateFlow, version: string, deliveryName: string): void {
  ctx.expectEqual('Write /5/0/1 "" (reset) answers 2.04', '2.04', flow.reset.code);
  ctx.expectEqual('after the reset State is 0 (Idle) and Update Result 0 (Initial)', [FwState.IDLE, FwResult.INITIAL], [jsonOf(flow.afterReset.state), jsonOf(flow.afterReset.result)]);
  ctx.require(`${deliveryName} answers 2.04`, flow.delivery.code === '2.04', '2.04', flow.delivery.code);
  const last = flow.download[flow.download.length - 1];
  ctx.require('State reaches 2 (Downloaded)', flow.downloaded, 'State 2', last ? `State ${last.state ?? '?'} / Result ${last.result ?? '?'}` : 'no state read');
  const results = [...new Set(flow.download.map((s) => s.result ?? -1))];
  ctx.expectEqual('Update Result stays 0 (Initial) during the download', [FwResult.INITIAL], results);
  ctx.require('Exec /5/0/2 Update answers 2.04', flow.execute?.code === '2.04', '2.04', flow.execute?.code ?? null);
  ctx.require('the device registers again after installing', flow.reRegistration !== undefined, 'a new Register', flow.reRegistration ? 'registered' : 'no Register');
  ctx.expectEqual('after the update State is 0 (Idle) and Update Result 1 (success)', [FwState.IDLE, FwResult.SUCCESS], [jsonOf(flow.final?.state), jsonOf(flow.final?.result)]);
  const shown = [flow.firmwareVersion, flow.packageVersion];
  ctx.check('/3/0/3 or /5/0/7 shows the installed package version', shown.includes(version), version, { '/3/0/3': flow.firmwareVersion ?? null, '/5/0/7': flow.packageVersion ?? null });
}
