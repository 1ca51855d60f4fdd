import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createRealWorld } from '../../harness/engine/real-world.ts';
import { runConformance } from '../../harness/engine/runner.ts';
import { allScenarios } from '../../suites/index.ts';
import { isVerdict } from '../../harness/engine/verdict.ts';
import { loadProfile } from '../profile/load.ts';
import { ProcessDevice } from './process-device.ts';
import { PROJECT_ROOT } from './testing/cli-run.ts';

/*
 * The third-party npm clients (coap-node, lwm2m-node-lib) as process DUTs: each listed scenario must end
 * with the verdict written down in fixtures/third-party-expected.json (a bounded selection on the real clock;
 * the file says why the others are left out).
 */
interface Expected {
  clients: Record<string, { profile: string; scenarios: Record<string, { verdict: string; reason?: string }> }>;
}

const expected = JSON.parse(await readFile(join(PROJECT_ROOT, 'fixtures', 'third-party-expected.json'), 'utf8')) as Expected;

test('every expected verdict other than pass gives its reason', () => {
  for (const [client, { scenarios }] of Object.entries(expected.clients)) {
    for (const [id, want] of Object.entries(scenarios)) {
      assert.ok(isVerdict(want.verdict), `${client} ${id}: '${want.verdict}' is not a verdict`);
      if (want.verdict !== 'pass') assert.ok((want.reason ?? '').length > 10, `${client} ${id}: a ${want.verdict} needs a reason`);
    }
  }
});

for (const [client, spec] of Object.entries(expected.clients)) {
  test(`${client} as a process DUT gives the expected verdicts`, async (t) => {
    const require = createRequire(join(PROJECT_ROOT, 'package.json'));
    try {
      require.resolve(client);
    } catch {
      t.skip(`the npm package ${client} is not installed (a dev dependency)`);
      return;
    }
    const dir = await mkdtemp(join(tmpdir(), `lwm2m-hil-${client}-`));
    try {
      const loaded = await loadProfile(join(PROJECT_ROOT, spec.profile));
      const device = new ProcessDevice({ loaded });
      const wanted = new Set(Object.keys(spec.scenarios));
      const scenarios = allScenarios().filter((s) => wanted.has(s.id));
      assert.equal(scenarios.length, wanted.size, 'every listed scenario exists');
      const results = await runConformance({
        scenarios,
        device,
        clock: 'real',
        seed: 1,
        selection: {},
        outDir: dir,
        version: 'test',
        createWorld: (seed) => createRealWorld({ seed, bind: { host: '127.0.0.1', port: 0 }, link: { port: 0 } }),
      });
      const observed = Object.fromEntries(results.scenarios.map((s) => [s.id, s.verdict]));
      const want = Object.fromEntries(Object.entries(spec.scenarios).map(([id, v]) => [id, v.verdict]));
      const reasons = results.scenarios.map((s) => `${s.id}: ${s.verdict} - ${s.reason}`).join('\n');
      assert.deepEqual(observed, want, reasons);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
