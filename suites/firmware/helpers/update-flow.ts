/**
 * The steps of a firmware update as the ETS runs them (int-755/756/770): reset the state machine, deliver
 * the package (push or pull), wait for Downloaded, Execute Update, wait for the device to come back, and
 * read the result. The flow records nothing itself: it returns what it saw, and each scenario states the
 * expectations of the requirement it verifies (so one requirement's bug does not fail another's scenario).
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import type { OperationResult } from '../../../harness/lwm2m/server/operation-result.ts';
import { ContentFormat } from '../../../harness/lwm2m/values.ts';
import { singleValue } from '../../device-management/helpers/entries.ts';
import { waitForRegister, type ReRegistration } from '../../device-management/helpers/re-registration.ts';
import { FwResult, FwState, pollFirmwareState, readFirmwareState, type FwSnapshot } from './firmware-state.ts';

/** How long a download may take on the run's clock before the flow gives up polling. */
export const DOWNLOAD_BUDGET_MS = 120_000;
/** How long installing may take, on top of the boot tolerance, until the device registers again. */
export const INSTALL_BUDGET_MS = 120_000;

export interface UpdateFlow {
  /** Write /5/0/1 "" (reset) answer, and the state right after it. */
  reset: OperationResult;
  afterReset: FwSnapshot;
  /** The delivery (Write /5/0/0 or /5/0/1) answer. */
  delivery: OperationResult;
  /** Snapshots from the delivery until Downloaded or a failure. */
  download: FwSnapshot[];
  downloaded: boolean;
  /** Exec /5/0/2 answer; undefined when the download did not complete. */
  execute?: OperationResult;
  /** The new Register after the install; undefined when none came. */
  reRegistration?: ReRegistration;
  /** State and result once the device is back. */
  final?: FwSnapshot;
  /** /3/0/3 and /5/0/7 once the device is back (undefined when not readable). */
  firmwareVersion?: string;
  packageVersion?: string;
}

export type Delivery = (ctx: ScenarioContext) => Promise<OperationResult>;

/** Push: Write the package to /5/0/0 (opaque; Block1 when larger than a block). */
export function pushDelivery(content: Buffer): Delivery {
  return (ctx) => ctx.server.write(ctx.endpoint, '/5/0/0', [{ path: { objectId: 5, instanceId: 0, resourceId: 0 }, value: content }], { format: ContentFormat.OPAQUE });
}

/** Pull: Write the Package URI to /5/0/1; the device fetches it. */
export function pullDelivery(uri: string): Delivery {
  return (ctx) => writePackageUri(ctx, uri);
}

/** Writing an empty Package URI resets the state machine to Idle / Initial (TS object 5). */
export function resetFirmware(ctx: ScenarioContext): Promise<OperationResult> {
  return writePackageUri(ctx, '');
}

/**
 * Brings the state machine to Idle before a scenario's own delivery, and back to Idle after it whatever the
 * outcome; a device that refuses the reset cannot reach the scenario's check (inconclusive).
 */
export async function startFromIdle(ctx: ScenarioContext): Promise<void> {
  const reset = await resetFirmware(ctx);
  if (reset.code !== '2.04') ctx.inconclusive(`could not reset the state machine: Write /5/0/1 "" answered ${reset.code}`);
  ctx.defer(async () => {
    await resetFirmware(ctx);
  });
}

function writePackageUri(ctx: ScenarioContext, uri: string): Promise<OperationResult> {
  return ctx.server.write(ctx.endpoint, '/5/0/1', [{ path: { objectId: 5, instanceId: 0, resourceId: 1 }, value: uri }], { format: ContentFormat.TEXT });
}

/** Downloaded, or back in Idle with a result other than Initial (a failed download). */
export function downloadSettled(s: FwSnapshot): boolean {
  return s.state === FwState.DOWNLOADED || (s.state === FwState.IDLE && s.result !== undefined && s.result !== FwResult.INITIAL);
}

/** Runs the flow up to the device's return; stops early (fields left undefined) when a step cannot go on. */
export async function runUpdateFlow(ctx: ScenarioContext, deliver: Delivery): Promise<UpdateFlow> {
  const reset = await resetFirmware(ctx);
  const afterReset = await readFirmwareState(ctx);
  const delivery = await deliver(ctx);
  const flow: UpdateFlow = { reset, afterReset, delivery, download: [], downloaded: false };
  if (!delivery.success) return flow;
  flow.download = await pollFirmwareState(ctx, downloadSettled, { timeoutMs: DOWNLOAD_BUDGET_MS });
  flow.downloaded = flow.download[flow.download.length - 1]?.state === FwState.DOWNLOADED;
  if (!flow.downloaded) return flow;

  flow.execute = await ctx.server.execute(ctx.endpoint, '/5/0/2');
  if (!flow.execute.success) return flow;
  const back = await waitForRegister(ctx, ctx.clock.now(), ctx.tolerances.bootMs + INSTALL_BUDGET_MS);
  if (back === undefined) return flow;
  flow.reRegistration = back;
  flow.final = await readFirmwareState(ctx);
  const fw = await ctx.server.read(ctx.endpoint, '/3/0/3');
  const pkg = await ctx.server.read(ctx.endpoint, '/5/0/7');
  const fwValue = singleValue(fw.entries, 3);
  const pkgValue = singleValue(pkg.entries, 7);
  if (typeof fwValue === 'string') flow.firmwareVersion = fwValue;
  if (typeof pkgValue === 'string') flow.packageVersion = pkgValue;
  return flow;
}
