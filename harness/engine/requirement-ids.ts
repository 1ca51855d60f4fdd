/**
 * The requirement ids of the OMA LwM2M 1.0 Requirements document, written exactly as results.json writes
 * them (DESIGN §4). This list is the contract; fixtures/requirements.json must hold exactly these ids, and
 * the catalogue loader refuses a file that does not.
 */

const PREFIX = 'LightweightM2M-';

const HLF_IDS = Array.from({ length: 40 }, (_, i) => `${PREFIX}HLF-${String(i + 1).padStart(3, '0')}`);

/** All 46 ids, in the order the RD lists them. */
export const REQUIREMENT_IDS: readonly string[] = Object.freeze([
  ...HLF_IDS,
  `${PREFIX}SEC-001`,
  `${PREFIX}SEC-002`,
  `${PREFIX}AT-001`,
  `${PREFIX}AZ-033`,
  `${PREFIX}DI-001`,
  `${PREFIX}CF-001`,
]);

/** Requirements the RD marks "FFS" (for further study): not part of release 1.0, verdict not-applicable. */
export const FFS_IDS: readonly string[] = Object.freeze([`${PREFIX}HLF-018`, `${PREFIX}HLF-029`, `${PREFIX}HLF-038`]);

/** The 43 requirements of release 1.0. */
export const RELEASE_1_0_IDS: readonly string[] = Object.freeze(REQUIREMENT_IDS.filter((id) => !FFS_IDS.includes(id)));

/** The shape of a requirement id (a well-formed id need not be one of the 46). */
export const REQUIREMENT_ID_FORMAT = /^LightweightM2M-[A-Z]{2,3}-\d{3}$/;

const KNOWN = new Set(REQUIREMENT_IDS);

export function isRequirementId(value: unknown): value is string {
  return typeof value === 'string' && KNOWN.has(value);
}

/**
 * Accepts the short forms people type on a command line ("HLF-001", "hlf-1", "SEC-2") and returns the
 * canonical id, or undefined when there is no such requirement.
 */
export function canonicalRequirementId(text: string): string | undefined {
  const m = /^(?:LightweightM2M\s*-\s*)?([A-Za-z]{2,3})-0*(\d{1,3})$/.exec(text.trim());
  if (!m) return undefined;
  const id = `${PREFIX}${(m[1] as string).toUpperCase()}-${(m[2] as string).padStart(3, '0')}`;
  return KNOWN.has(id) ? id : undefined;
}
