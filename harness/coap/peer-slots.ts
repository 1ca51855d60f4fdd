import type { Endpoint } from '../net/transport.ts';
import { endpointKey } from '../net/transport.ts';

/** Limits outstanding interactions per peer (RFC 7252 §4.7 NSTART); waiters are served in order. */
export class PeerSlots {
  private readonly inUse = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {}

  /** Resolves with a release function once a slot for the peer is free. Release is idempotent. */
  async acquire(peer: Endpoint): Promise<() => void> {
    const key = endpointKey(peer);
    if ((this.inUse.get(key) ?? 0) >= this.limit) {
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(key) ?? [];
        queue.push(resolve);
        this.waiting.set(key, queue);
      });
    } else {
      this.inUse.set(key, (this.inUse.get(key) ?? 0) + 1);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(key);
    };
  }

  private release(key: string): void {
    const next = this.waiting.get(key)?.shift();
    if (next) {
      next(); // the slot passes straight to the next waiter
      return;
    }
    this.waiting.delete(key);
    const count = (this.inUse.get(key) ?? 1) - 1;
    if (count <= 0) this.inUse.delete(key);
    else this.inUse.set(key, count);
  }
}
