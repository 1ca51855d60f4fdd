import { inspect } from 'node:util';
import { InputError } from '../errors.ts';

/** Where the server finds the pre-shared key of an identity. Implementations must never expose keys. */
export interface CredentialStore {
  /** The key for this identity, or undefined when the identity is unknown. */
  lookup(identity: string): Buffer | undefined;
}

const REDACTED = '[redacted]';

/**
 * An in-memory identity -> key map. Keys are copied in and out (callers cannot alter them by accident) and
 * are never part of any printed form: toJSON, util.inspect, String() and errors show identities only.
 */
export class PskStore implements CredentialStore {
  readonly #keys = new Map<string, Buffer>();

  constructor(entries: Iterable<readonly [string, Buffer | string]> = []) {
    for (const [identity, key] of entries) this.set(identity, key);
  }

  /** Adds or replaces a key; a string key is hex (the form profiles and the CLI use). */
  set(identity: string, key: Buffer | string): this {
    if (identity.length === 0) throw new InputError('a PSK identity must not be empty');
    const bytes = typeof key === 'string' ? parseHexKey(identity, key) : Buffer.from(key);
    if (bytes.length === 0) throw new InputError(`the PSK of identity "${identity}" is empty`, { identity });
    this.#keys.set(identity, bytes);
    return this;
  }

  delete(identity: string): boolean {
    return this.#keys.delete(identity);
  }

  lookup(identity: string): Buffer | undefined {
    const key = this.#keys.get(identity);
    return key ? Buffer.from(key) : undefined;
  }

  identities(): string[] {
    return [...this.#keys.keys()];
  }

  toJSON(): Record<string, unknown> {
    return { kind: 'PskStore', identities: Object.fromEntries(this.identities().map((id) => [id, REDACTED])) };
  }

  toString(): string {
    return `PskStore(${this.identities().length} identities)`;
  }

  [inspect.custom](): string {
    return `PskStore { ${this.identities().map((id) => `${JSON.stringify(id)}: ${REDACTED}`).join(', ')} }`;
  }
}

function parseHexKey(identity: string, hex: string): Buffer {
  const clean = hex.startsWith('0x') ? hex.slice(2) : hex;
  // Say what is wrong without echoing the (secret) text itself.
  if (clean.length === 0 || clean.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(clean)) {
    throw new InputError(`the PSK of identity "${identity}" is not an even-length hex string`, { identity, length: clean.length });
  }
  return Buffer.from(clean, 'hex');
}
