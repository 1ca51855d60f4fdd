import type { DatagramHandler, Endpoint } from './transport.ts';

/**
 * The receiver list every transport keeps. A receiver that throws must not stop the others nor kill the
 * socket, but it must not vanish silently either: the error goes to the transport's error listeners, and
 * is re-thrown on a fresh turn when nobody listens (so it surfaces as an uncaught exception, as it would
 * from a plain dgram 'message' listener). Network conditions are reported but never re-thrown.
 */
export class HandlerSet {
  private readonly handlers = new Set<DatagramHandler>();
  private readonly errorListeners = new Set<(error: unknown) => void>();

  add(handler: DatagramHandler): () => void {
    // Wrapped so that the same function registered twice is two registrations, each removable once.
    const entry: DatagramHandler = (data, from) => handler(data, from);
    this.handlers.add(entry);
    return () => {
      this.handlers.delete(entry);
    };
  }

  onError(listener: (error: unknown) => void): () => void {
    this.errorListeners.add(listener);
    return () => {
      this.errorListeners.delete(listener);
    };
  }

  get size(): number {
    return this.handlers.size;
  }

  dispatch(data: Buffer, from: Endpoint): void {
    for (const handler of [...this.handlers]) {
      try {
        handler(data, { address: from.address, port: from.port });
      } catch (error) {
        this.reportError(error);
      }
    }
  }

  /**
   * fatalIfUnheard: a receiver's bug is re-thrown when nobody listens; a network condition (an ICMP error,
   * a refused delayed send) is not: it is counted by the caller and dropped, as the datagram would be.
   */
  reportError(error: unknown, fatalIfUnheard = true): void {
    if (this.errorListeners.size === 0) {
      if (!fatalIfUnheard) return;
      queueMicrotask(() => {
        throw error;
      });
      return;
    }
    for (const listener of [...this.errorListeners]) listener(error);
  }

  clear(): void {
    this.handlers.clear();
  }
}
