/**
 * `npm run bench`: runs every bench/*.bench.ts (each exports `run(): Promise<Record<string, number>>`) and prints
 * one JSON object with their results. Benchmarks compare against a baseline measured in the same run (raw UDP
 * echo), since these machines are noisy; no test asserts on time.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((o) => name.includes(o)))
  .sort();

const results: Record<string, Record<string, number> | { error: string }> = {};
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { run?: () => Promise<Record<string, number>> };
    if (typeof mod.run !== 'function') throw new Error(`${file} does not export run()`);
    process.stderr.write(`bench: ${name}...\n`);
    results[name] = await mod.run();
  } catch (error) {
    results[name] = { error: error instanceof Error ? error.message : String(error) };
  }
}
process.stdout.write(`${JSON.stringify({ node: process.version, results }, null, 2)}\n`);
