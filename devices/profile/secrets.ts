import { readFile } from 'node:fs/promises';
import { InputError } from '../../harness/errors.ts';
import type { SecurityConfig } from './schema.ts';

/** PSK credentials ready for DTLS. Never log `key`; `describePsk` gives a safe summary. */
export interface PskCredentials {
  identity: Buffer;
  key: Buffer;
  /** Where the key came from ("key file /x/ep.hex", "environment variable EP_KEY", "the profile"). */
  source: string;
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;

/**
 * Reads the PSK of a profile (undefined for NoSec). Key files and variables hold the key as hex; whitespace
 * and a trailing newline are ignored. Errors name where the key should be, never its contents.
 */
export async function resolvePsk(security: SecurityConfig, env: NodeJS.ProcessEnv = process.env): Promise<PskCredentials | undefined> {
  if (security.mode !== 'psk') return undefined;
  const identity = security.identityHex !== undefined ? Buffer.from(security.identityHex, 'hex') : Buffer.from(security.identity ?? '', 'utf8');
  if (security.key !== undefined) return { identity, key: Buffer.from(security.key, 'hex'), source: 'the profile' };
  if (security.keyFile !== undefined) {
    const source = `key file ${security.keyFile}`;
    let text: string;
    try {
      text = await readFile(security.keyFile, 'utf8');
    } catch (err) {
      throw new InputError(`security.keyFile: cannot read ${security.keyFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
        field: 'security.keyFile',
        file: security.keyFile,
      });
    }
    return { identity, key: parseHexKey(text, source, 'security.keyFile'), source };
  }
  const name = security.keyEnv ?? '';
  const source = `environment variable ${name}`;
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new InputError(`security.keyEnv: the environment variable ${name} is not set`, { field: 'security.keyEnv', variable: name });
  }
  return { identity, key: parseHexKey(value, source, 'security.keyEnv'), source };
}

function parseHexKey(text: string, source: string, field: string): Buffer {
  const hex = text.replace(/\s+/g, '');
  if (!HEX.test(hex)) throw new InputError(`${field}: the ${source} does not hold the key as hex digits`, { field });
  return Buffer.from(hex, 'hex');
}

/** A summary safe for logs: the identity and the key's length, not the key. */
export function describePsk(psk: PskCredentials): string {
  const printable = /^[\x20-\x7e]*$/.test(psk.identity.toString('latin1'));
  const identity = printable ? JSON.stringify(psk.identity.toString('latin1')) : `0x${psk.identity.toString('hex')}`;
  return `PSK identity ${identity}, ${psk.key.length}-byte key from ${psk.source}`;
}
