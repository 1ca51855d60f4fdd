import { InputError } from '../errors.ts';

/**
 * The shaping model: what a link does to datagrams in one direction. All fields are optional; an empty
 * object is a perfect link. Probabilities are 0..1, times are milliseconds of the run's clock.
 */
export interface BlackoutWindow {
  /** Start, relative to when shaping started (inclusive). */
  fromMs: number;
  /** End, relative to when shaping started (exclusive). */
  toMs: number;
}

export interface DirectionImpairment {
  /** Probability that a datagram is lost. */
  loss?: number;
  /** Fixed one-way delay added to every datagram. */
  delayMs?: number;
  /** Extra delay, uniform in [0, jitterMs]; jitter alone may reorder datagrams, as on a real link. */
  jitterMs?: number;
  /** Probability that a datagram arrives twice (the copy gets its own delay, corruption and reordering draws). */
  duplicate?: number;
  /** Probability that a datagram is held back by reorderDelayMs so that later ones overtake it. */
  reorder?: number;
  /** How long a reordered datagram is held back (default: max(20, 2 * (delayMs + jitterMs))). */
  reorderDelayMs?: number;
  /** Probability that one random bit of a datagram is flipped. */
  corrupt?: number;
  /** Datagrams larger than this many bytes are dropped (as an IP path without fragmentation would). */
  mtu?: number;
  /** Windows in which everything in this direction is dropped. */
  blackouts?: BlackoutWindow[];
}

export interface ShapingProfile {
  /** From the wrapped transport's owner to its peers. */
  outbound?: DirectionImpairment;
  /** From the peers to the wrapped transport's owner. */
  inbound?: DirectionImpairment;
  /** Blackouts in both directions (in addition to each direction's own). */
  blackouts?: BlackoutWindow[];
  /**
   * NAT rebinding every this many ms: every known peer appears from a new source port. Note that this is
   * a perpetual timer: under a virtual clock a run never ends in a deadlock error while it is active.
   */
  natRebindEveryMs?: number;
}

export type Direction = 'outbound' | 'inbound';

/** Default hold-back of a reordered datagram: long enough for the next few datagrams to overtake it. */
export function reorderDelayOf(impairment: DirectionImpairment): number {
  return impairment.reorderDelayMs ?? Math.max(20, 2 * ((impairment.delayMs ?? 0) + (impairment.jitterMs ?? 0)));
}

/**
 * Checks a profile (from code or from a YAML device profile) and returns a copy. Errors name the field,
 * e.g. "shaping.outbound.loss must be a probability between 0 and 1".
 */
export function checkShapingProfile(value: unknown, where = 'shaping'): ShapingProfile {
  const input = asRecord(value, where);
  allowOnly(input, ['outbound', 'inbound', 'blackouts', 'natRebindEveryMs'], where);
  const profile: ShapingProfile = {};
  if (input['outbound'] !== undefined) profile.outbound = checkDirection(input['outbound'], `${where}.outbound`);
  if (input['inbound'] !== undefined) profile.inbound = checkDirection(input['inbound'], `${where}.inbound`);
  if (input['blackouts'] !== undefined) profile.blackouts = checkWindows(input['blackouts'], `${where}.blackouts`);
  if (input['natRebindEveryMs'] !== undefined) {
    profile.natRebindEveryMs = checkMs(input['natRebindEveryMs'], `${where}.natRebindEveryMs`);
    if (profile.natRebindEveryMs <= 0) throw new InputError(`${where}.natRebindEveryMs must be > 0`, { field: `${where}.natRebindEveryMs` });
  }
  return profile;
}

const DIRECTION_FIELDS = ['loss', 'delayMs', 'jitterMs', 'duplicate', 'reorder', 'reorderDelayMs', 'corrupt', 'mtu', 'blackouts'] as const;

function checkDirection(value: unknown, where: string): DirectionImpairment {
  const input = asRecord(value, where);
  allowOnly(input, DIRECTION_FIELDS, where);
  const out: DirectionImpairment = {};
  for (const field of ['loss', 'duplicate', 'reorder', 'corrupt'] as const) {
    if (input[field] !== undefined) out[field] = checkProbability(input[field], `${where}.${field}`);
  }
  for (const field of ['delayMs', 'jitterMs', 'reorderDelayMs'] as const) {
    if (input[field] !== undefined) out[field] = checkMs(input[field], `${where}.${field}`);
  }
  if (input['mtu'] !== undefined) {
    const mtu = input['mtu'];
    if (typeof mtu !== 'number' || !Number.isInteger(mtu) || mtu < 1) {
      throw new InputError(`${where}.mtu must be a positive whole number of bytes, got ${String(mtu)}`, { field: `${where}.mtu`, value: mtu });
    }
    out.mtu = mtu;
  }
  if (input['blackouts'] !== undefined) out.blackouts = checkWindows(input['blackouts'], `${where}.blackouts`);
  return out;
}

function checkWindows(value: unknown, where: string): BlackoutWindow[] {
  if (!Array.isArray(value)) throw new InputError(`${where} must be a list of {fromMs, toMs}`, { field: where });
  return value.map((item, i) => {
    const input = asRecord(item, `${where}[${i}]`);
    allowOnly(input, ['fromMs', 'toMs'], `${where}[${i}]`);
    const fromMs = checkMs(input['fromMs'], `${where}[${i}].fromMs`);
    const toMs = checkMs(input['toMs'], `${where}[${i}].toMs`);
    if (toMs <= fromMs) throw new InputError(`${where}[${i}] ends before it starts (fromMs ${fromMs}, toMs ${toMs})`, { field: `${where}[${i}]` });
    return { fromMs, toMs };
  });
}

function checkProbability(value: unknown, field: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new InputError(`${field} must be a probability between 0 and 1, got ${String(value)}`, { field, value });
  }
  return value;
}

function checkMs(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputError(`${field} must be a number of milliseconds >= 0, got ${String(value)}`, { field, value });
  }
  return value;
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`${where} must be an object`, { field: where });
  }
  return value as Record<string, unknown>;
}

function allowOnly(input: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) {
      throw new InputError(`${where}.${key} is not a shaping setting (expected one of: ${allowed.join(', ')})`, { field: `${where}.${key}` });
    }
  }
}
