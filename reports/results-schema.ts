/**
 * The canonical run result `lwm2m-hil/results@1` (DESIGN §4 "Run output"): what results.json holds and what
 * every report (matrix, JUnit, merge, diff) reads. The zod schema is the single source; results.schema.json
 * is generated from it (reports/scripts/write-json-schema.ts) so other tools can validate without TypeScript.
 *
 * Fields named in DESIGN §4 keep their names exactly; everything marked optional was added for the reports.
 */
import { z } from 'zod';
import type { Verdict } from '../harness/engine/verdict.ts';

export const RESULTS_SCHEMA_ID = 'lwm2m-hil/results@1';

/** DESIGN §3.6, in the order reports list them (the engine's VERDICTS are worst first, for ranking). */
export const RESULT_VERDICTS = ['pass', 'fail', 'inconclusive', 'not-supported', 'not-applicable', 'error'] as const;
export const VerdictSchema = z.enum(RESULT_VERDICTS).meta({ id: 'Verdict' });

/** Requirement ids exactly as DESIGN §4 writes them, e.g. LightweightM2M-HLF-001. */
export const REQUIREMENT_ID_PATTERN = /^LightweightM2M-(HLF|SEC|AT|AZ|DI|CF)-\d{3}$/;

/** A deviation from a SHOULD: shown as "passed with warning", never turns a verdict into fail. */
export const WarningSchema = z
  .object({ code: z.string().min(1), message: z.string() })
  .meta({ id: 'Warning' });

/** One datagram of an exchange, already summarised, so the HTML chart needs no pcap. */
export const ExchangeMessageSchema = z
  .object({
    /** The run clock's time in ms (the time base of trace entries and lab events). */
    t: z.number(),
    dir: z.enum(['to-device', 'from-device']),
    /** e.g. "CON POST /rd?ep=dev1 mid=123" or "ACK 2.01 Created": text from the device, escape when rendering. */
    summary: z.string(),
  })
  .meta({ id: 'ExchangeMessage' });

/** A power or shaping event (harness/engine/evidence.ts LabEvent): `time` is the run clock in ms. */
export const LabEventSchema = z
  .looseObject({ time: z.number(), event: z.string(), detail: z.string().optional() })
  .meta({ id: 'LabEvent' });

// The evidence variants mirror harness/engine/evidence.ts (a test parses every engine helper's output).
// They are loose objects: the engine may attach extra detail and the reports keep it through a merge.
const ExpectationEvidence = z.looseObject({
  kind: z.literal('expectation'),
  /** What was checked, e.g. "Register carries the endpoint name". */
  what: z.string().optional(),
  expected: z.unknown(),
  observed: z.unknown(),
  ok: z.boolean(),
});
const ExchangeEvidence = z.looseObject({
  kind: z.literal('exchange'),
  summary: z.string(),
  /** Ids of the entries in the scenario's trace (traces/<scenario>.pcapng) that show the exchange. */
  traceIds: z.array(z.number()),
  /** The same messages summarised, so the HTML sequence chart needs no trace file. */
  messages: z.array(ExchangeMessageSchema).optional(),
});
const ConsoleEvidence = z.looseObject({ kind: z.literal('console'), lines: z.array(z.string()) });
const PowerEvidence = z.looseObject({ kind: z.literal('power'), events: z.array(LabEventSchema) });
const ShapingEvidence = z.looseObject({ kind: z.literal('shaping'), events: z.array(LabEventSchema) });
const NoteEvidence = z.looseObject({ kind: z.literal('note'), text: z.string() });

export const EvidenceSchema = z
  .discriminatedUnion('kind', [
    ExpectationEvidence,
    ExchangeEvidence,
    ConsoleEvidence,
    PowerEvidence,
    ShapingEvidence,
    NoteEvidence,
  ])
  .meta({ id: 'Evidence' });

export const DeviceInfoSchema = z.object({
  name: z.string(),
  kind: z.enum(['emulated', 'process', 'serial', 'container']),
  endpoint: z.string(),
  /** Firmware version as the device reported it (/3/0/3) or as its profile names it. */
  firmwareVersion: z.string().optional(),
  /** Emulated client fault profile, when the run used one (`--fault NAME`). */
  fault: z.string().optional(),
});

/** `--shard K/N`, K counted from 1. Null for an unsharded run and for a merged result. */
export const ShardSchema = z.object({ index: z.number().int().min(1), count: z.number().int().min(1) }).nullable();

export const RunInfoSchema = z.object({
  id: z.string().min(1),
  startedAt: z.iso.datetime({ offset: true }),
  /** Null while the run is still going (the engine rewrites results.json after each scenario). */
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Harness version (package.json version). */
  version: z.string(),
  clock: z.enum(['virtual', 'real']),
  seed: z.number().int().nonnegative(),
  shard: ShardSchema,
  device: DeviceInfoSchema,
  /** What a merged result was built from: each shard's run id and shard, e.g. "run-7 (shard 2/3)". */
  mergedFrom: z.array(z.string()).optional(),
});

export const RequirementResultSchema = z
  .object({
    id: z.string().regex(REQUIREMENT_ID_PATTERN),
    title: z.string(),
    release: z.enum(['1.0', 'FFS']),
    verdict: VerdictSchema,
    scenarios: z.array(z.string()),
    reason: z.string(),
    /** RD section, e.g. "High-Level Functional"; derived from the id when absent. */
    group: z.string().optional(),
    /** LwM2M interface the requirement mostly exercises (Registration, Device Management, ...). */
    interface: z.string().optional(),
    warnings: z.array(WarningSchema).optional(),
  })
  .meta({ id: 'RequirementResult' });

export const ScenarioResultSchema = z
  .object({
    id: z.string().min(1),
    title: z.string(),
    ets: z.array(z.string()),
    verifies: z.array(z.string().regex(REQUIREMENT_ID_PATTERN)),
    verdict: VerdictSchema,
    reason: z.string(),
    durationMs: z.number().nonnegative(),
    evidence: z.array(EvidenceSchema),
    /** "traces/<id>.pcapng" relative to the output dir; null when the scenario sent nothing. */
    trace: z.string().nullable(),
    warnings: z.array(WarningSchema).optional(),
    /** Console log of the DUT for this scenario, relative to the output dir (logs/...). */
    consoleLog: z.string().optional(),
    /** How many times it ran (a retried flaky scenario has attempts > 1). */
    attempts: z.number().int().min(1).optional(),
  })
  .meta({ id: 'ScenarioResult' });

/** Count per verdict. */
export const SummarySchema = z.object({
  pass: z.number().int().nonnegative(),
  fail: z.number().int().nonnegative(),
  inconclusive: z.number().int().nonnegative(),
  'not-supported': z.number().int().nonnegative(),
  'not-applicable': z.number().int().nonnegative(),
  error: z.number().int().nonnegative(),
});

export const RunResultsSchema = z
  .object({
    schema: z.literal(RESULTS_SCHEMA_ID),
    run: RunInfoSchema,
    requirements: z.array(RequirementResultSchema),
    scenarios: z.array(ScenarioResultSchema),
    /** Requirements per verdict (the requirement matrix is what a run certifies). */
    summary: SummarySchema,
    /** Scenarios per verdict. */
    scenarioSummary: SummarySchema.optional(),
  })
  .meta({ id: 'RunResults', title: 'lwm2m-hil run results', description: 'Schema id lwm2m-hil/results@1' });

export type RunResults = z.infer<typeof RunResultsSchema>;
export type RunInfo = z.infer<typeof RunInfoSchema>;
export type DeviceInfo = z.infer<typeof DeviceInfoSchema>;
export type RequirementResult = z.infer<typeof RequirementResultSchema>;
export type ScenarioResult = z.infer<typeof ScenarioResultSchema>;
export type EvidenceEntry = z.infer<typeof EvidenceSchema>;
export type ExchangeMessage = z.infer<typeof ExchangeMessageSchema>;
export type ResultWarning = z.infer<typeof WarningSchema>;
export type ResultVerdict = z.infer<typeof VerdictSchema>;
export type Summary = z.infer<typeof SummarySchema>;

// The schema's verdicts and the engine's Verdict must be the same six strings: this fails to compile otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const verdictsMatchEngine: Same<ResultVerdict, Verdict> = true;
void verdictsMatchEngine;
