import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
export const CLI = join(PROJECT_ROOT, 'bin', 'lwm2m-hil.js');

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `lwm2m-hil ARGS` as a child process (bounded by timeoutMs, then killed). */
export function runCli(args: readonly string[], timeoutMs: number): Promise<CliOutcome> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { cwd: PROJECT_ROOT, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

export interface ScenarioVerdict {
  id: string;
  verdict: string;
  reason: string;
}

/** The scenario verdicts of a run's results.json, by id. */
export async function verdictsOf(outDir: string): Promise<Map<string, ScenarioVerdict>> {
  const results = JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8')) as { scenarios: ScenarioVerdict[] };
  return new Map(results.scenarios.map((s) => [s.id, { id: s.id, verdict: s.verdict, reason: s.reason }]));
}
