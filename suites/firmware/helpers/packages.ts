/**
 * Firmware packages for the update scenarios. A device accepts only packages in its own format, so the
 * device (its profile) supplies them: a DeviceUnderTest may offer `firmwarePackages()`. The built-in emulated
 * client's format is simple enough to make here (a first line `EMUFW1 <version>`), so it needs no profile.
 * A corrupted copy of a good package stands for a package that fails the device's integrity check.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';

export interface FirmwarePackage {
  name: string;
  /** The version /3/0/3 (or /5/0/7) reports once this package is installed. */
  version: string;
  content: Buffer;
}

/** What a device adapter implements to hand packages to the firmware scenarios (optional on DeviceUnderTest). */
export interface FirmwarePackageSource {
  firmwarePackages(): readonly FirmwarePackage[] | Promise<readonly FirmwarePackage[]>;
}

/** Larger than one CoAP block (1024 B), so a push goes with Block1 and a pull with Block2. */
const EMULATED_PACKAGE_BYTES = 3000;
export const EMULATED_PACKAGE_VERSION = '9.1.0-hil';

function hasPackages(device: unknown): device is FirmwarePackageSource {
  return typeof (device as Partial<FirmwarePackageSource>).firmwarePackages === 'function';
}

/** A package the device can install, or inconclusive when nothing supplies one. */
export async function installablePackage(ctx: ScenarioContext): Promise<FirmwarePackage> {
  if (hasPackages(ctx.device)) {
    const first = (await ctx.device.firmwarePackages())[0];
    if (first !== undefined) return first;
  }
  if (ctx.device.kind === 'emulated') return emulatedPackage(EMULATED_PACKAGE_VERSION);
  ctx.inconclusive('the device profile supplies no firmware package (profile `firmware.packages`)');
}

/** The emulated client's package format: `EMUFW1 <version>` on the first line, then filler. */
export function emulatedPackage(version: string): FirmwarePackage {
  const head = Buffer.from(`EMUFW1 ${version}\n`, 'latin1');
  const body = Buffer.alloc(Math.max(0, EMULATED_PACKAGE_BYTES - head.length));
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + 7) & 0xff;
  return { name: `emulated-${version}`, version, content: Buffer.concat([head, body]) };
}

/**
 * A copy with every byte inverted: headers, signatures and checksums all break, so no device can take it for
 * a valid image. Its length is the original's, so it is not refused for its size.
 */
export function corruptedCopy(pkg: FirmwarePackage): Buffer {
  const out = Buffer.from(pkg.content);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) ^ 0xff;
  return out;
}
