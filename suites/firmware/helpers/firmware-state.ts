/**
 * Reading the Firmware Update object's state machine (/5/0/3 State, /5/0/5 Update Result) and polling it,
 * as the ETS allows ("polling or notification"). Each resource is read on its own so that an instance-level
 * Read bug cannot blur what the state machine did.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import { singleValue } from '../../device-management/helpers/entries.ts';

export const FwState = { IDLE: 0, DOWNLOADING: 1, DOWNLOADED: 2, UPDATING: 3 } as const;
export const FwResult = { INITIAL: 0, SUCCESS: 1, INTEGRITY_FAILURE: 5, UNSUPPORTED_PACKAGE: 6, INVALID_URI: 7, UNSUPPORTED_PROTOCOL: 9 } as const;

export interface FwSnapshot {
  /** Run-clock time of the reads. */
  at: number;
  /** undefined when the Read did not answer 2.05 with an integer. */
  state: number | undefined;
  result: number | undefined;
}

export async function readFirmwareState(ctx: ScenarioContext): Promise<FwSnapshot> {
  const at = ctx.clock.now();
  const state = await ctx.server.read(ctx.endpoint, '/5/0/3');
  const result = await ctx.server.read(ctx.endpoint, '/5/0/5');
  return { at, state: integer(singleValue(state.entries, 3)), result: integer(singleValue(result.entries, 5)) };
}

export interface PollOptions {
  /** Give up after this long on the run's clock. */
  timeoutMs: number;
  /** Pause between two polls (default 1 s). */
  intervalMs?: number;
}

/**
 * Polls until `done(snapshot)` holds or the time runs out; returns every snapshot taken (the last one is the
 * one that ended the poll). Bounded: at most timeoutMs / intervalMs + 1 polls.
 */
export async function pollFirmwareState(ctx: ScenarioContext, done: (s: FwSnapshot) => boolean, options: PollOptions): Promise<FwSnapshot[]> {
  const interval = options.intervalMs ?? 1000;
  const maxPolls = Math.floor(options.timeoutMs / interval) + 1;
  const seen: FwSnapshot[] = [];
  for (let i = 0; i < maxPolls; i++) {
    const snapshot = await readFirmwareState(ctx);
    seen.push(snapshot);
    if (done(snapshot)) break;
    await ctx.sleep(interval);
  }
  return seen;
}

/** "state/result" pairs, compact evidence of the path the state machine took. */
export function describeSnapshots(snapshots: readonly FwSnapshot[]): string[] {
  const out: string[] = [];
  for (const s of snapshots) {
    const text = `State ${s.state ?? '?'} / Result ${s.result ?? '?'}`;
    if (out[out.length - 1] !== text) out.push(text);
  }
  return out;
}

function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
