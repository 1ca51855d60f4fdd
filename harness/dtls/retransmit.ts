import type { Clock, TimerHandle } from '../clock/clock.ts';

/** RFC 6347 §4.2.4.1: start at 1 s, double on each expiry, never above 60 s. */
export const INITIAL_RETRANSMIT_MS = 1000;
export const MAX_RETRANSMIT_MS = 60_000;
/** Transmissions of one flight before the handshake is abandoned (1+2+4+...+32 s = 63 s of trying). */
export const DEFAULT_MAX_TRANSMISSIONS = 7;

/**
 * The retransmission timer of the flight in progress, on the injected clock. start() arms it after a
 * flight is sent; stop() when the peer's next flight arrives. On expiry it asks for a resend and doubles.
 */
export class FlightTimer {
  private handle: TimerHandle | undefined;
  private interval = INITIAL_RETRANSMIT_MS;
  private transmissions = 0;

  constructor(
    private readonly clock: Clock,
    private readonly onExpire: () => void,
    private readonly onGiveUp: () => void,
    private readonly maxTransmissions = DEFAULT_MAX_TRANSMISSIONS,
  ) {}

  /** A new flight went out (its first transmission). */
  start(): void {
    this.stop();
    this.interval = INITIAL_RETRANSMIT_MS;
    this.transmissions = 1;
    this.arm();
  }

  stop(): void {
    this.handle?.cancel();
    this.handle = undefined;
  }

  get running(): boolean {
    return this.handle !== undefined;
  }

  /** Current timeout value (for tests and traces). */
  get currentIntervalMs(): number {
    return this.interval;
  }

  private arm(): void {
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      if (this.transmissions >= this.maxTransmissions) {
        this.onGiveUp();
        return;
      }
      this.transmissions++;
      this.interval = Math.min(this.interval * 2, MAX_RETRANSMIT_MS);
      this.onExpire();
      this.arm();
    }, this.interval);
  }
}
