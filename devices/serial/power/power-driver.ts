import type { Clock } from '../../../harness/clock/clock.ts';
import type { LabEvent } from '../../../harness/engine/evidence.ts';

/**
 * Power and reset control of a board. Every action is recorded as a LabEvent on the run clock, so a verdict's
 * evidence shows when the board was switched; failures are LabErrors (a relay that does not answer is the
 * lab's fault, never the device's).
 */
export interface PowerDriver {
  on(): Promise<void>;
  off(): Promise<void>;
  /** Off, wait offMs, on (drivers with a native reset, such as DTR/RTS, use it instead). */
  cycle(offMs: number): Promise<void>;
  /** One line for logs and `devices check`, e.g. "LCUS relay channel 1 on /dev/ttyUSB0". */
  describe(): string;
  /** Events since the last call. */
  takeEvents(): LabEvent[];
  /** Calls listener for each event as it happens; returns an unsubscribe function. */
  onEvent(listener: (event: LabEvent) => void): () => void;
  /** Releases ports the driver holds. */
  close(): Promise<void>;
}

/** Event bookkeeping and the default off-wait-on cycle. */
export abstract class BasePowerDriver implements PowerDriver {
  private events: LabEvent[] = [];
  private readonly listeners = new Set<(event: LabEvent) => void>();

  constructor(protected readonly clock: Clock) {}

  abstract on(): Promise<void>;
  abstract off(): Promise<void>;
  abstract describe(): string;

  async cycle(offMs: number): Promise<void> {
    await this.off();
    await this.clock.sleep(offMs);
    await this.on();
  }

  takeEvents(): LabEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  onEvent(listener: (event: LabEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {}

  protected emit(event: string, detail?: string): void {
    const entry: LabEvent = detail === undefined ? { time: this.clock.now(), event } : { time: this.clock.now(), event, detail };
    this.events.push(entry);
    for (const listener of this.listeners) listener(entry);
  }
}

/** Bytes as "A0 01 01 A2", for event details and messages. */
export function hexBytes(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}
