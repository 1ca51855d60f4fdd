import type { OutgoingResponse } from './api.ts';

interface Entry {
  response: OutgoingResponse;
  expiresAt: number;
}

/**
 * Server-side cache of large responses, so that the client's requests for later Block2 blocks are served
 * from the same representation without calling the handler again (RFC 7959 §2.4).
 */
export class Block2Cache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly lifetimeMs: number,
  ) {}

  set(key: string, response: OutgoingResponse): void {
    this.prune();
    this.entries.delete(key);
    this.entries.set(key, { response, expiresAt: this.now() + this.lifetimeMs });
  }

  get(key: string): OutgoingResponse | undefined {
    this.prune();
    return this.entries.get(key)?.response;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(key);
    }
  }
}
