import { HarnessError } from '../errors.ts';

/**
 * runUntil found the work still pending with nothing left that could ever finish it: no timer, no
 * datagram in flight. A scenario that waits without a timeout, or a missing stimulus, ends here.
 */
export class VirtualDeadlockError extends HarnessError {
  constructor(virtualNow: number, context: Record<string, unknown> = {}) {
    super(
      `virtual clock deadlock at ${new Date(virtualNow).toISOString()}: the awaited work is still pending, ` +
        'but no timer is scheduled and no datagram is in flight, so nothing can ever complete it ' +
        '(a wait without a timeout, or a reply that will never come?)',
      { origin: 'harness', context: { ...context, virtualNow } },
    );
  }
}

/** runUntil reached its virtual-time budget (maxVirtualMs) or its timer budget before the work finished. */
export class VirtualTimeLimitError extends HarnessError {
  constructor(reason: string, context: Record<string, unknown>) {
    super(`virtual clock limit: ${reason}`, { origin: 'harness', context });
  }
}

/** A busy source never drained while time was held still (a simulated network bug, or I/O that never ends). */
export class BusyStuckError extends HarnessError {
  constructor(turns: number, inFlight: number) {
    super(`virtual clock held still for ${turns} event-loop turns but busy sources still report ${inFlight} in flight`, {
      origin: 'harness',
      context: { turns, inFlight },
    });
  }
}

/** The clock is already being driven (runUntil/advance do not nest), or a second global install was tried. */
export class ClockMisuseError extends HarnessError {
  constructor(message: string) {
    super(message, { origin: 'harness' });
  }
}

/** A timer callback threw while the virtual clock was running it. */
export class TimerCallbackError extends HarnessError {
  constructor(virtualNow: number, cause: unknown) {
    super(`a timer callback threw at virtual time ${new Date(virtualNow).toISOString()}: ${String(cause)}`, {
      origin: 'harness',
      context: { virtualNow },
      cause,
    });
  }
}
