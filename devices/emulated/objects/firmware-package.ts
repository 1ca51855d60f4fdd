import { createHash } from 'node:crypto';

/**
 * The emulated board's firmware package format, and the checks the board makes before it accepts one.
 *
 * A package is a header line, then the image body:
 *   `EMUFW1 <version>[ type=full|delta][ image=<bytes>][ ram=<bytes>][ sha256=<hex of the body>]\n<body>`
 * - `type`: the board installs full images only; a delta package is an unsupported package type.
 * - `image`: the size the image unpacks to in flash (default: the package's own length).
 * - `ram`: working memory the download needs to unpack it (a decompression window; default none).
 * - `sha256`: digest of the body; when present the board verifies it (integrity check).
 * Bytes that are not an EMUFW header at all cannot be verified: the board calls them an integrity failure.
 * A header of another container format it recognises (a later EMUFW revision, ELF, ZIP, gzip) is an
 * unsupported package type.
 */
export const PACKAGE_MAGIC = 'EMUFW1 ';

/** Update Result values (TS object 5, LwM2M 1.0) the package checks can produce. */
export const PackageVerdict = {
  NOT_ENOUGH_FLASH: 2,
  OUT_OF_RAM: 3,
  INTEGRITY_FAILURE: 5,
  UNSUPPORTED_PACKAGE: 6,
} as const;

/** The board's resources for a new package. */
export interface PackageLimits {
  /** Flash free for the downloaded package and for the unpacked image, in bytes. */
  flashBytes: number;
  /** RAM the board can give the download, in bytes. */
  ramBytes: number;
}

/** The emulated board: 64 KiB of flash for a new package, 16 KiB of RAM for the download. */
export const DEFAULT_PACKAGE_LIMITS: PackageLimits = { flashBytes: 64 * 1024, ramBytes: 16 * 1024 };

export type PackageCheck = { ok: true; version: string } | { ok: false; result: number; reason: string };

export interface PackageOptions {
  body?: Buffer | string;
  type?: string;
  imageBytes?: number;
  ramBytes?: number;
  /** Write the body's sha256 into the header (default true). */
  digest?: boolean;
}

/** Builds a package in the emulated format (with a digest of its body unless told otherwise). */
export function emulatedPackage(version: string, bodyOrOptions: string | PackageOptions = ''): Buffer {
  const options = typeof bodyOrOptions === 'string' ? { body: bodyOrOptions } : bodyOrOptions;
  const body = Buffer.from(options.body ?? '');
  const fields = [`${PACKAGE_MAGIC}${version}`];
  if (options.type !== undefined) fields.push(`type=${options.type}`);
  if (options.imageBytes !== undefined) fields.push(`image=${options.imageBytes}`);
  if (options.ramBytes !== undefined) fields.push(`ram=${options.ramBytes}`);
  if (options.digest !== false) fields.push(`sha256=${sha256(body)}`);
  return Buffer.concat([Buffer.from(`${fields.join(' ')}\n`, 'latin1'), body]);
}

/** The version a package carries, when its header is in the emulated format. */
export function packageVersion(pkg: Buffer): string | undefined {
  const header = parseHeader(pkg);
  return header?.version;
}

/** The board's checks, in the order it makes them: type, flash, RAM, then the integrity of what arrived. */
export function checkPackage(pkg: Buffer, limits: PackageLimits = DEFAULT_PACKAGE_LIMITS): PackageCheck {
  const header = parseHeader(pkg);
  if (header === undefined) {
    return foreignFormat(pkg)
      ? { ok: false, result: PackageVerdict.UNSUPPORTED_PACKAGE, reason: 'not an EMUFW1 package (another container format)' }
      : { ok: false, result: PackageVerdict.INTEGRITY_FAILURE, reason: 'no valid package header' };
  }
  if ((header.fields.get('type') ?? 'full') !== 'full') {
    return { ok: false, result: PackageVerdict.UNSUPPORTED_PACKAGE, reason: `package type ${header.fields.get('type')} (only full images)` };
  }
  const image = numberField(header.fields, 'image') ?? pkg.length;
  if (pkg.length > limits.flashBytes || image > limits.flashBytes) {
    return { ok: false, result: PackageVerdict.NOT_ENOUGH_FLASH, reason: `needs ${Math.max(image, pkg.length)} bytes of flash, ${limits.flashBytes} free` };
  }
  const ram = numberField(header.fields, 'ram') ?? 0;
  if (ram > limits.ramBytes) return { ok: false, result: PackageVerdict.OUT_OF_RAM, reason: `needs ${ram} bytes of RAM, ${limits.ramBytes} free` };
  const digest = header.fields.get('sha256');
  if (digest !== undefined && digest.toLowerCase() !== sha256(header.body)) {
    return { ok: false, result: PackageVerdict.INTEGRITY_FAILURE, reason: 'sha256 of the body does not match the header' };
  }
  if (header.version === '') return { ok: false, result: PackageVerdict.INTEGRITY_FAILURE, reason: 'header without a version' };
  return { ok: true, version: header.version };
}

interface Header {
  version: string;
  fields: Map<string, string>;
  body: Buffer;
}

const MAX_HEADER = 512;

function parseHeader(pkg: Buffer): Header | undefined {
  if (!pkg.subarray(0, PACKAGE_MAGIC.length).equals(Buffer.from(PACKAGE_MAGIC, 'latin1'))) return undefined;
  const end = pkg.subarray(0, MAX_HEADER).indexOf(0x0a);
  // No end of line within the header's room: the package was cut short or overwritten.
  if (end < 0) return undefined;
  const [version = '', ...rest] = pkg.subarray(PACKAGE_MAGIC.length, end).toString('latin1').trim().split(/\s+/);
  const fields = new Map<string, string>();
  for (const item of rest) {
    const eq = item.indexOf('=');
    if (eq > 0) fields.set(item.slice(0, eq), item.slice(eq + 1));
  }
  return { version, fields, body: pkg.subarray(end + 1) };
}

/** Headers of formats the board recognises but cannot install. */
const FOREIGN_MAGICS = [Buffer.from('\x7fELF', 'latin1'), Buffer.from('PK\x03\x04', 'latin1'), Buffer.from([0x1f, 0x8b])];

function foreignFormat(pkg: Buffer): boolean {
  if (/^EMUFW\d+ /.test(pkg.subarray(0, 12).toString('latin1'))) return true;
  return FOREIGN_MAGICS.some((m) => pkg.subarray(0, m.length).equals(m));
}

function numberField(fields: ReadonlyMap<string, string>, name: string): number | undefined {
  const text = fields.get(name);
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
