import { inspect } from 'node:util';

/** What an abbreviated handshake needs to resume a session (RFC 5246 §7.3). */
export interface CachedSession {
  sessionId: Buffer;
  masterSecret: Buffer;
  cipherSuite: number;
  identity: string;
  extendedMasterSecret: boolean;
}

/** A bounded LRU of resumable sessions by session id. Master secrets never appear in printed forms. */
export class SessionCache {
  readonly #entries = new Map<string, CachedSession>();

  constructor(private readonly capacity = 1024) {}

  get(sessionId: Buffer): CachedSession | undefined {
    if (sessionId.length === 0) return undefined;
    const key = sessionId.toString('hex');
    const entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key);
      this.#entries.set(key, entry); // most recently used goes last
    }
    return entry;
  }

  put(session: CachedSession): void {
    const key = session.sessionId.toString('hex');
    this.#entries.delete(key);
    this.#entries.set(key, session);
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  delete(sessionId: Buffer): void {
    this.#entries.delete(sessionId.toString('hex'));
  }

  get size(): number {
    return this.#entries.size;
  }

  toJSON(): Record<string, unknown> {
    return { kind: 'SessionCache', size: this.size };
  }

  [inspect.custom](): string {
    return `SessionCache { size: ${this.size} }`;
  }
}
