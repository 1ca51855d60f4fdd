import { DtlsError } from '../errors.ts';
import type { CipherSuite } from './cipher.ts';
import { TLS_PSK_WITH_AES_128_CCM_8 } from './ccm8.ts';
import { TLS_PSK_WITH_AES_128_CBC_SHA256 } from './cbc-sha256.ts';

export { TLS_PSK_WITH_AES_128_CCM_8, TLS_PSK_WITH_AES_128_CBC_SHA256 };

/** Every suite this implementation speaks, in the server's default order of preference (CCM_8 first: RFC 7925). */
export const ALL_SUITES: readonly CipherSuite[] = [TLS_PSK_WITH_AES_128_CCM_8, TLS_PSK_WITH_AES_128_CBC_SHA256];

export type CipherSuiteName = 'TLS_PSK_WITH_AES_128_CCM_8' | 'TLS_PSK_WITH_AES_128_CBC_SHA256';

export function suiteById(id: number): CipherSuite | undefined {
  return ALL_SUITES.find((s) => s.id === id);
}

export function suiteByName(name: string): CipherSuite | undefined {
  return ALL_SUITES.find((s) => s.name === name);
}

/** The named suites in the given order (default: every suite, in order of preference); an unknown name is a usage error. */
export function suitesByName(names?: readonly CipherSuiteName[]): CipherSuite[] {
  return (names ?? ALL_SUITES.map((s) => s.name as CipherSuiteName)).map((name) => {
    const suite = suiteByName(name);
    if (!suite) throw new DtlsError(`unknown cipher suite ${name}`, { origin: 'usage', context: { name } });
    return suite;
  });
}
