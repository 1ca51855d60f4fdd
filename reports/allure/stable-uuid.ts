import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id derived from its parts (SHA-1, formatted like an RFC 4122 version 5 UUID). Rewriting the
 * results of the same run gives the same file names, so a rewrite replaces files instead of adding duplicates.
 */
export function stableUuid(...parts: readonly string[]): string {
  const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The id Allure's history follows from run to run: the scenario's id and nothing that changes per run. */
export function scenarioHistoryId(scenarioId: string): string {
  return createHash('md5').update(`lwm2m-hil/scenario/${scenarioId}`).digest('hex');
}
