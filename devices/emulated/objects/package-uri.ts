import { HarnessError } from '../../../harness/errors.ts';
import type { Endpoint } from '../../../harness/net/transport.ts';

/** Update Result values (TS object 5, LwM2M 1.0) a Package URI can lead to before any byte is fetched. */
export const UriVerdict = { INVALID_URI: 7, UNSUPPORTED_PROTOCOL: 9 } as const;

/** Where a coap:// Package URI points. */
export interface PackageLocation {
  endpoint: Endpoint;
  path: string[];
}

export type UriCheck = { ok: true; location: PackageLocation } | { ok: false; result: number; reason: string };

/** The only pull protocol the board speaks (/5/0/8 Firmware Update Protocol Support = [0], CoAP). */
const SUPPORTED_SCHEME = 'coap';
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/**
 * Reads a Package URI the way the board does: a URI that is not well formed, or has no host, is an invalid
 * URI (7); a well-formed URI in any scheme but coap (coaps, http, https, ftp...) is an unsupported protocol (9).
 */
export function checkPackageUri(uri: string): UriCheck {
  const scheme = SCHEME.exec(uri)?.[1]?.toLowerCase();
  if (scheme === undefined) return { ok: false, result: UriVerdict.INVALID_URI, reason: 'no URI scheme' };
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { ok: false, result: UriVerdict.INVALID_URI, reason: 'not a well-formed URI' };
  }
  if (scheme !== SUPPORTED_SCHEME) return { ok: false, result: UriVerdict.UNSUPPORTED_PROTOCOL, reason: `${scheme} is not supported (CoAP only)` };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === '' || !uri.toLowerCase().startsWith('coap://')) return { ok: false, result: UriVerdict.INVALID_URI, reason: 'no host' };
  const path = url.pathname.split('/').filter((s) => s !== '');
  let segments: string[];
  try {
    segments = path.map(decodeURIComponent);
  } catch {
    return { ok: false, result: UriVerdict.INVALID_URI, reason: 'bad percent-encoding in the path' };
  }
  return { ok: true, location: { endpoint: { address: host, port: Number(url.port || 5683) }, path: segments } };
}

/** Why a download failed: the server answered with an error code, never answered, or the board is offline. */
export type DownloadFailure = 'refused' | 'no-answer' | 'offline';

export class DownloadError extends HarnessError {
  constructor(message: string, readonly failure: DownloadFailure, context: Record<string, unknown> = {}) {
    super(message, { origin: 'device', context });
  }
}
