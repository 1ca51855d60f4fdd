/**
 * Writes reports/results.schema.json from the zod schema, so tools without TypeScript can validate
 * results.json. Run after changing reports/results-schema.ts:
 *   npx tsx reports/scripts/write-json-schema.ts
 * A test fails when the committed file differs from what this generates.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { RunResultsSchema } from '../results-schema.ts';

export const JSON_SCHEMA_FILE = fileURLToPath(new URL('../results.schema.json', import.meta.url));

/** The JSON Schema text exactly as it is committed (2-space indent, trailing newline). */
export function generateResultsJsonSchema(): string {
  const schema = z.toJSONSchema(RunResultsSchema, { target: 'draft-2020-12' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(JSON_SCHEMA_FILE, generateResultsJsonSchema());
  console.log(`wrote ${JSON_SCHEMA_FILE}`);
}
