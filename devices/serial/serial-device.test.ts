import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, verdictsOf } from '../process/testing/cli-run.ts';

test('a serial profile whose console port does not exist gives error verdicts naming the port, and the run completes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-serial-'));
  try {
    const port = join(dir, 'no-such-tty');
    const profile = join(dir, 'missing-port.yaml');
    await writeFile(profile, ['name: missing-port', 'kind: serial', 'endpoint: nowhere', 'serial:', `  port: ${JSON.stringify(port)}`, 'power:', '  type: none', ''].join('\n'));
    const run = await runCli(['run', '--device', profile, '--bind', '127.0.0.1:0', '--requirement', 'HLF-002,HLF-014', '--out', join(dir, 'out')], 120_000);
    assert.equal(run.code, 1, `the gate fails, the harness does not crash: ${run.stderr}`);
    const verdicts = [...(await verdictsOf(join(dir, 'out'))).values()];
    assert.ok(verdicts.length >= 2);
    for (const v of verdicts) {
      assert.equal(v.verdict, 'error');
      assert.ok(v.reason.includes(`cannot open console serial port ${port}`), v.reason);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
