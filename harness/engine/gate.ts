/**
 * The CI gate (DESIGN §4 exit codes): a policy names the requirements that must pass and the ones allowed to
 * be not-supported. The default policy: every release-1.0 requirement passes, or the device profile declares
 * it not supported. With a baseline, a requirement that passed in the baseline and does not now also fails the gate.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { RunResults } from '../../reports/results-schema.ts';
import { InputError } from '../errors.ts';
import { RELEASE_1_0_IDS, canonicalRequirementId } from './catalogue.ts';
import type { Verdict } from './verdict.ts';

export interface GatePolicy {
  /** Requirement ids that must have an acceptable verdict. */
  required: string[];
  /** Verdicts accepted for a required requirement. */
  accept: Verdict[];
  /** Requirement ids for which not-supported is also accepted ('*' = any required one). */
  allowNotSupported: string[] | '*';
}

export const DEFAULT_POLICY: GatePolicy = { required: [...RELEASE_1_0_IDS], accept: ['pass'], allowNotSupported: '*' };

const PolicyFileSchema = z
  .object({
    required: z.union([z.literal('release-1.0'), z.array(z.string())]).default('release-1.0'),
    accept: z.array(z.enum(['pass', 'inconclusive', 'not-supported', 'not-applicable', 'fail', 'error'])).default(['pass']),
    allowNotSupported: z.union([z.literal('*'), z.array(z.string())]).default('*'),
  })
  .strict();

export async function loadGatePolicy(file: string): Promise<GatePolicy> {
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    throw new InputError(`${file}: cannot read the gate policy: ${error instanceof Error ? error.message : String(error)}`, { file });
  }
  const parsed = PolicyFileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${file}: ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}`, { file });
  }
  const toIds = (ids: string[]): string[] =>
    ids.map((id) => {
      const canonical = canonicalRequirementId(id);
      if (!canonical) throw new InputError(`${file}: unknown requirement id '${id}'`, { file, id });
      return canonical;
    });
  const p = parsed.data;
  return {
    required: p.required === 'release-1.0' ? [...RELEASE_1_0_IDS] : toIds(p.required),
    accept: p.accept,
    allowNotSupported: p.allowNotSupported === '*' ? '*' : toIds(p.allowNotSupported),
  };
}

export interface GateViolation {
  requirement: string;
  verdict: Verdict | 'missing';
  why: string;
}

export interface GateResult {
  passed: boolean;
  violations: GateViolation[];
}

export function evaluateGate(results: RunResults, policy: GatePolicy, baseline?: RunResults): GateResult {
  const byId = new Map(results.requirements.map((r) => [r.id, r]));
  const violations: GateViolation[] = [];
  for (const id of policy.required) {
    const r = byId.get(id);
    if (!r) {
      // A run filtered with --requirement or --shard does not claim the others; only what it ran is gated.
      continue;
    }
    const accepted =
      policy.accept.includes(r.verdict) ||
      (r.verdict === 'not-supported' && (policy.allowNotSupported === '*' || policy.allowNotSupported.includes(id)));
    if (!accepted) violations.push({ requirement: id, verdict: r.verdict, why: r.reason });
  }
  if (baseline) {
    for (const old of baseline.requirements) {
      const now = byId.get(old.id);
      if (old.verdict === 'pass' && now && now.verdict !== 'pass' && !violations.some((v) => v.requirement === old.id)) {
        violations.push({ requirement: old.id, verdict: now.verdict, why: `regression against the baseline (was pass): ${now.reason}` });
      }
    }
  }
  return { passed: violations.length === 0, violations };
}
