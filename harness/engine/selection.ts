/**
 * Which scenarios a run executes: --suite GLOB, --requirement IDS, --shard K/N (DESIGN §4).
 * Sharding is by position in the id-sorted list, so every shard of one run sees the same partition.
 */
import { InputError } from '../errors.ts';
import type { Scenario } from './scenario.ts';

export interface Shard {
  index: number;
  count: number;
}

export interface Selection {
  suite?: string;
  requirements?: readonly string[];
  shard?: Shard | null;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new InputError(`--shard must be K/N with 1 <= K <= N, got '${text}'`, { shard: text });
  return { index, count };
}

/** A glob over "suite/scenario-id": `*` matches within a segment, `**` across. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

export function selectScenarios(all: readonly Scenario[], selection: Selection): Scenario[] {
  let chosen = [...all].sort((a, b) => a.id.localeCompare(b.id));
  if (selection.suite) {
    const pattern = globToRegExp(selection.suite);
    chosen = chosen.filter((s) => pattern.test(s.suite) || pattern.test(`${s.suite}/${s.id}`));
  }
  if (selection.requirements && selection.requirements.length > 0) {
    const wanted = new Set(selection.requirements);
    chosen = chosen.filter((s) => s.verifies.some((id) => wanted.has(id)));
  }
  const shard = selection.shard;
  if (shard) chosen = chosen.filter((_, i) => i % shard.count === shard.index - 1);
  return chosen;
}
