import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import * as engineEvidence from '../harness/engine/evidence.ts';
import { VERDICTS as ENGINE_VERDICTS, worstVerdict } from '../harness/engine/verdict.ts';
import { EvidenceSchema, RESULT_VERDICTS, RunResultsSchema } from './results-schema.ts';
import { generateResultsJsonSchema, JSON_SCHEMA_FILE } from './scripts/write-json-schema.ts';
import { sampleResults } from './testing/sample-results.ts';

test('the sample results validate against the zod schema', () => {
  const parsed = RunResultsSchema.safeParse(sampleResults());
  assert.equal(parsed.success, true, parsed.success ? '' : JSON.stringify(parsed.error.issues[0]));
});

test('the committed results.schema.json is what the script generates (regenerate with the script)', () => {
  const committed = readFileSync(JSON_SCHEMA_FILE, 'utf8');
  assert.equal(committed, generateResultsJsonSchema(), 'run: npx tsx reports/scripts/write-json-schema.ts');
});

test('the JSON Schema accepts the sample and rejects a bad verdict', () => {
  const fromJson = z.fromJSONSchema(JSON.parse(readFileSync(JSON_SCHEMA_FILE, 'utf8')) as z.core.JSONSchema.JSONSchema);
  const sample = sampleResults();
  assert.equal(fromJson.safeParse(sample).success, true);
  const bad = structuredClone(sample);
  (bad.scenarios[0] as { verdict: string }).verdict = 'passed';
  assert.equal(fromJson.safeParse(bad).success, false);
});

test('the schema names every DESIGN §4 field', () => {
  const schema = JSON.parse(generateResultsJsonSchema()) as { $defs: Record<string, { required?: string[]; properties: Record<string, { required?: string[] }> }> };
  const root = schema.$defs.RunResults;
  assert.deepEqual(root?.required, ['schema', 'run', 'requirements', 'scenarios', 'summary']);
  assert.deepEqual(root?.properties.run?.required, ['id', 'startedAt', 'finishedAt', 'version', 'clock', 'seed', 'shard', 'device']);
  assert.deepEqual(schema.$defs.RequirementResult?.required, ['id', 'title', 'release', 'verdict', 'scenarios', 'reason']);
  assert.deepEqual(schema.$defs.ScenarioResult?.required, [
    'id', 'title', 'ets', 'verifies', 'verdict', 'reason', 'durationMs', 'evidence', 'trace',
  ]);
});

test('verdicts are the engine verdicts', () => {
  assert.deepEqual([...RESULT_VERDICTS].sort(), [...ENGINE_VERDICTS].sort());
  assert.equal(worstVerdict(RESULT_VERDICTS), 'error');
});

test('evidence built with the engine helpers validates', () => {
  const entries = [
    engineEvidence.expectEqual('serial', 'A1', 'A2'),
    engineEvidence.expectation({ min: 1 }, [1, 2], true),
    engineEvidence.exchange('Register', [1, 2]),
    engineEvidence.consoleLines(['boot', 'ready']),
    engineEvidence.powerEvents([{ time: 10, event: 'power off' }]),
    engineEvidence.shapingEvents([{ time: 10, event: 'loss 30%', detail: 'to-device' }]),
    engineEvidence.note('hello'),
  ];
  for (const entry of entries) {
    const parsed = EvidenceSchema.safeParse(entry);
    assert.equal(parsed.success, true, `${entry.kind}: ${parsed.success ? '' : parsed.error.message}`);
  }
});

test('a malformed requirement id and an unknown evidence kind are rejected', () => {
  const results = sampleResults();
  const badId = structuredClone(results);
  badId.requirements[0]!.id = 'HLF-001';
  assert.equal(RunResultsSchema.safeParse(badId).success, false);
  const badEvidence = structuredClone(results) as unknown as { scenarios: Array<{ evidence: unknown[] }> };
  badEvidence.scenarios[0]!.evidence.push({ kind: 'photo', url: 'x' });
  assert.equal(RunResultsSchema.safeParse(badEvidence).success, false);
});
