import { spawn } from 'node:child_process';
import { RealClock } from '../../harness/clock/real-clock.ts';
import { LabError } from '../lab/lab-error.ts';

/** Two connected pseudo-terminals: what one end receives, the other sent (a null-modem cable in software). */
export interface PtyPair {
  /** The end the harness opens (as it would open /dev/ttyACM0). */
  readonly harness: string;
  /** The end the simulated board opens. */
  readonly board: string;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 5000;
const wallClock = new RealClock();

/**
 * Opens a PTY pair with socat (`socat -d -d pty,raw,echo=0 pty,raw,echo=0`, which names both ends on
 * stderr). socat missing or silent is a LabError; close() ends socat, which removes both ends.
 */
export async function openPtyPair(): Promise<PtyPair> {
  const child = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const paths = await new Promise<string[]>((resolve, reject) => {
    const found: string[] = [];
    let text = '';
    const timer = wallClock.setTimeout(() => fail(`socat named ${found.length} of 2 PTYs within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const fail = (why: string, cause?: unknown): void => {
      timer.cancel();
      child.kill('SIGKILL');
      reject(new LabError(`cannot open a PTY pair: ${why}`, { program: 'socat' }, cause));
    };
    child.once('error', (err: NodeJS.ErrnoException) => fail(err.code === 'ENOENT' ? 'socat is not installed' : err.message, err));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      text += chunk;
      for (const match of text.matchAll(/PTY is (\S+)/g)) if (match[1] && !found.includes(match[1])) found.push(match[1]);
      if (found.length === 2) {
        timer.cancel();
        resolve(found);
      }
    });
  });
  const [harness, board] = paths as [string, string];
  return {
    harness,
    board,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
