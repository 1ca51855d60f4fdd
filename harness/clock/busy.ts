/**
 * Something that may have work under way outside the clock's timers (a datagram queued for delivery on the
 * next turn, a send the OS has not completed). While any source reports work in flight, a virtual clock
 * keeps time still, so that a reply that is already on its way is never overtaken by a timeout.
 */
export interface BusySource {
  inFlight(): number;
}

/** A clock that accepts busy sources (the virtual clock does; the real clock has no need to). */
export interface BusyTracker {
  addBusySource(source: BusySource): () => void;
}

export function isBusyTracker(value: unknown): value is BusyTracker {
  return typeof value === 'object' && value !== null && typeof (value as Partial<BusyTracker>).addBusySource === 'function';
}
