import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { flashFirmware } from './flash.ts';
import { LabError } from '../lab/lab-error.ts';

const node = process.execPath;

async function setup(t: { after: (fn: () => Promise<void>) => void }) {
  const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-flash-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const image = join(dir, 'app.bin');
  await writeFile(image, 'firmware v1');
  // The "flasher" appends the image path it was given to a log, so the test sees every real flash.
  const command = [node, '-e', "require('fs').appendFileSync(process.argv[1], process.argv[2] + '\\n')", join(dir, 'flashes.log'), '{firmware}'];
  const flashes = async (): Promise<string[]> => (await readFile(join(dir, 'flashes.log'), 'utf8').catch(() => '')).split('\n').filter((l) => l !== '');
  return { dir, image, command, flashes, stateDir: join(dir, 'state') };
}

test('flashes, then skips while the image is unchanged, then flashes a changed image', async (t) => {
  const { image, command, flashes, stateDir } = await setup(t);
  const first = await flashFirmware({ command, image, stateDir, board: 'board/1', now: () => Date.UTC(2025, 0, 1) });
  assert.equal(first.flashed, true);
  assert.equal(first.sha256, createHash('sha256').update('firmware v1').digest('hex'));
  assert.deepEqual(await flashes(), [image]);
  const state: unknown = JSON.parse(await readFile(join(stateDir, 'flash-board_1.json'), 'utf8'));
  assert.deepEqual(state, { image, sha256: first.sha256, flashedAt: '2025-01-01T00:00:00.000Z' });

  const second = await flashFirmware({ command, image, stateDir, board: 'board/1' });
  assert.equal(second.flashed, false);
  assert.match(second.detail, /unchanged since 2025-01-01T00:00:00.000Z/);
  assert.deepEqual(await flashes(), [image], 'no second flash');

  const forced = await flashFirmware({ command, image, stateDir, board: 'board/1', force: true });
  assert.equal(forced.flashed, true);

  await writeFile(image, 'firmware v2');
  const third = await flashFirmware({ command, image, stateDir, board: 'board/1' });
  assert.equal(third.flashed, true);
  assert.deepEqual(await flashes(), [image, image, image]);
});

test('a failed flash is a lab error and is retried next time', async (t) => {
  const { image, stateDir } = await setup(t);
  const failing = [node, '-e', "console.error('nrfjprog: no debugger found'); process.exit(2)", '{firmware}'];
  await assert.rejects(flashFirmware({ command: failing, image, stateDir, board: 'b' }), (err: unknown) => {
    assert.ok(err instanceof LabError);
    assert.match(err.message, /^flash: .* exited with 2\nstderr \(last 1 lines\):\nnrfjprog: no debugger found$/);
    return true;
  });
  const ok = [node, '-e', '', '{firmware}'];
  assert.equal((await flashFirmware({ command: ok, image, stateDir, board: 'b' })).flashed, true);
});

test('a missing image is a lab error naming it', async (t) => {
  const { dir, command, stateDir } = await setup(t);
  const missing = join(dir, 'nope.bin');
  await assert.rejects(flashFirmware({ command, image: missing, stateDir, board: 'b' }), (err: unknown) => err instanceof LabError && err.message.includes(missing));
});
