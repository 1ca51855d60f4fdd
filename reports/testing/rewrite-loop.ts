/**
 * Child process for the atomic-write test: rewrites results.json in the directory given as argv[2] up to
 * argv[3] times, printing one line per completed write, until the parent kills it.
 */
import { writeResultsAtomically } from '../write-results.ts';
import { resultsFrom, sampleResults, sampleScenarios, scenario } from './sample-results.ts';

const dir = process.argv[2];
const limit = Number(process.argv[3] ?? '1000');
if (!dir) throw new Error('usage: rewrite-loop.ts DIR [COUNT]');
await writeResultsAtomically(dir, sampleResults());
process.stdout.write('0\n');
for (let i = 1; i < limit; i++) {
  // Growing results, like the engine's after each scenario, so sizes differ between writes.
  const extra = Array.from({ length: i % 50 }, (_, k) => scenario({ id: `extra/${i}-${k}`, verifies: ['LightweightM2M-HLF-002'], verdict: 'pass' }));
  await writeResultsAtomically(dir, resultsFrom([...sampleScenarios(), ...extra], { run: { finishedAt: null } }));
  process.stdout.write(`${i}\n`);
}
