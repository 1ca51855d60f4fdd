/**
 * Typed errors with context. Every error the harness raises says which thing failed and why,
 * and says whether it is the device's fault or the lab's (DESIGN §3.9: lab faults are `error`, never `fail`).
 */
export type ErrorOrigin = 'device' | 'harness' | 'lab' | 'usage';

export class HarnessError extends Error {
  readonly origin: ErrorOrigin;
  readonly context: Record<string, unknown>;

  constructor(message: string, options: { origin?: ErrorOrigin; context?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.origin = options.origin ?? 'harness';
    this.context = options.context ?? {};
  }
}

/** A wait on the run's clock ran out. */
export class TimeoutError extends HarnessError {
  constructor(what: string, ms: number, context: Record<string, unknown> = {}) {
    super(`${what}: no answer within ${ms} ms`, { origin: 'device', context: { ...context, timeoutMs: ms } });
  }
}

/** Input from outside (a profile, a datagram, a CLI argument) that cannot be used. */
export class InputError extends HarnessError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, { origin: 'usage', context });
  }
}
