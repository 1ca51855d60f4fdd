import type { Readable, Writable } from 'node:stream';
import type { Clock } from '../../../harness/clock/clock.ts';
import { LabError } from '../../lab/lab-error.ts';
import { BasePowerDriver } from './power-driver.ts';

export interface ManualPowerOptions {
  /** Where the operator answers (usually process.stdin). */
  input: Readable;
  /** Where the request is shown (usually process.stderr, so it never mixes with machine output). */
  output: Writable;
  /** How the operator knows the board, e.g. "nrf9160dk #2 (shelf B)". */
  board: string;
  clock: Clock;
  /** Give up after this long without an answer (default: wait for ever). */
  timeoutMs?: number;
}

/** No power control hardware: asks the operator to switch the board and press Enter. */
export class ManualPowerDriver extends BasePowerDriver {
  constructor(private readonly options: ManualPowerOptions) {
    super(options.clock);
  }

  describe(): string {
    return `manual: the operator switches ${this.options.board}`;
  }

  async on(): Promise<void> {
    await this.ask(`Switch ON power of board ${this.options.board} and press Enter`);
    this.emit('power on', 'confirmed by the operator');
  }

  async off(): Promise<void> {
    await this.ask(`Switch OFF power of board ${this.options.board} and press Enter`);
    this.emit('power off', 'confirmed by the operator');
  }

  private ask(question: string): Promise<void> {
    const { input, output, clock, timeoutMs } = this.options;
    output.write(`${question}: `);
    return new Promise<void>((resolve, reject) => {
      const cleanup = (): void => {
        timer?.cancel();
        input.off('data', onData);
        input.off('end', onEnd);
        input.pause();
      };
      const onData = (chunk: Buffer | string): void => {
        if (!String(chunk).includes('\n')) return;
        cleanup();
        resolve();
      };
      const onEnd = (): void => {
        cleanup();
        reject(new LabError(`manual power: the operator's input closed before "${question}" was confirmed`, { board: this.options.board }));
      };
      const timer =
        timeoutMs === undefined
          ? undefined
          : clock.setTimeout(() => {
              cleanup();
              reject(new LabError(`manual power: no answer from the operator within ${timeoutMs} ms to "${question}"`, { board: this.options.board }));
            }, timeoutMs);
      input.on('data', onData);
      input.once('end', onEnd);
      input.resume();
    });
  }
}
