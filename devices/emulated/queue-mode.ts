import type { Clock, TimerHandle } from '../../harness/clock/clock.ts';

/** How long the radio stays on after the device last sent something: CoAP MAX_TRANSMIT_WAIT (93 s). */
export const DEFAULT_AWAKE_MS = 93_000;

export interface QueueModeDeps {
  clock: Clock;
  awakeMs?: number;
  /** Sends the Registration Update that tells the server the device is awake (LwM2M 1.0 TS §8.3). */
  announce(): void;
  /** Fault hook: wake without the Update. */
  silentWake?: boolean;
  onSleep?(): void;
}

/**
 * Queue mode (binding UQ) on the device side: the radio stays on for the awake window after the device last
 * sent a datagram; then it sleeps, and datagrams from the server are lost. It wakes for its own traffic (the
 * lifetime Update, a notification) or a local event; a wake-up is announced with an Update so that the server
 * sends what it held back.
 */
export class QueueModeRadio {
  private lastSentAt: number;
  private sleepTimer: TimerHandle | undefined;
  private enabled = false;

  constructor(private readonly deps: QueueModeDeps) {
    this.lastSentAt = deps.clock.now();
  }

  /** Queue mode follows the binding (a Write of /1/0/7 can switch it on or off). */
  setEnabled(enabled: boolean): void {
    if (enabled === this.enabled) return;
    this.enabled = enabled;
    if (enabled) this.armSleep();
    else this.cancel();
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  get awake(): boolean {
    return !this.enabled || this.deps.clock.now() < this.lastSentAt + this.awakeMs;
  }

  /** The device sent a datagram: the radio is on (again) for the awake window. */
  sent(): void {
    this.lastSentAt = this.deps.clock.now();
    if (this.enabled) this.armSleep();
  }

  /** A local event: a sleeping device wakes and announces itself. */
  wake(): void {
    if (!this.enabled || this.awake) return;
    if (this.deps.silentWake) this.sent();
    else this.deps.announce();
  }

  cancel(): void {
    this.sleepTimer?.cancel();
    this.sleepTimer = undefined;
  }

  private get awakeMs(): number {
    return this.deps.awakeMs ?? DEFAULT_AWAKE_MS;
  }

  private armSleep(): void {
    this.cancel();
    this.sleepTimer = this.deps.clock.setTimeout(() => {
      this.sleepTimer = undefined;
      this.deps.onSleep?.();
    }, this.awakeMs);
  }
}
