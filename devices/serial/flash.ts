import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LabError } from '../lab/lab-error.ts';
import { describeCommand, runCommand } from '../lab/run-command.ts';
import type { CommandSpec } from '../lab/run-command.ts';
import { expandTemplate } from '../profile/template.ts';

export interface FlashOptions {
  /** Command template with {firmware} (the image's absolute path). */
  command: CommandSpec;
  image: string;
  /** Folder for the small state file remembering what was flashed last. */
  stateDir: string;
  /** Names the board in the state file name (the profile name): two boards keep two states. */
  board: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Flash even when the image is unchanged. */
  force?: boolean;
  /** Run clock time for the state file (default Date.now). */
  now?: () => number;
}

export interface FlashResult {
  flashed: boolean;
  sha256: string;
  /** Why it was skipped, or the command that ran. */
  detail: string;
}

interface FlashState {
  image: string;
  sha256: string;
  flashedAt: string;
}

/**
 * Flashes a board before a run, skipping the (slow, wearing) flash when the image's SHA-256 equals the one
 * flashed last time. The state is written only after the command succeeded, so a failed flash is retried.
 */
export async function flashFirmware(options: FlashOptions): Promise<FlashResult> {
  const sha256 = await sha256File(options.image);
  const stateFile = join(options.stateDir, `flash-${safeName(options.board)}.json`);
  const previous = await readState(stateFile);
  if (options.force !== true && previous?.sha256 === sha256) {
    return { flashed: false, sha256, detail: `image unchanged since ${previous.flashedAt} (sha256 ${sha256.slice(0, 12)}...)` };
  }
  const values = { firmware: options.image };
  const command = typeof options.command === 'string' ? expandTemplate(options.command, values, 'flash.command') : options.command.map((a, i) => expandTemplate(a, values, `flash.command[${i}]`));
  await runCommand(command, { purpose: 'flash', cwd: options.cwd, env: options.env, timeoutMs: options.timeoutMs ?? 600_000 });
  const state: FlashState = { image: options.image, sha256, flashedAt: new Date((options.now ?? Date.now)()).toISOString() };
  await mkdir(options.stateDir, { recursive: true });
  // Write then rename: an interrupted write must not leave a state that claims a flash.
  await writeFile(`${stateFile}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${stateFile}.tmp`, stateFile);
  return { flashed: true, sha256, detail: describeCommand(command) };
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (err) {
    throw new LabError(`flash: cannot read the firmware image ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { image: file }, err);
  }
  return hash.digest('hex');
}

async function readState(file: string): Promise<FlashState | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as FlashState).sha256 === 'string') return parsed as FlashState;
  } catch {
    // Missing or unreadable state: flash.
  }
  return undefined;
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
