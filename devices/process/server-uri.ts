import type { DeviceEnvironment } from '../../harness/engine/device.ts';
import type { DeviceProfile } from '../profile/schema.ts';
import { expandTemplate } from '../profile/template.ts';

/**
 * The server URI a device is given at power-on, from its profile's `server` section and the world: a
 * device with a PSK talks to the world's coaps server when there is one; `fixed` expands its template
 * (default {server.uri}); `bootstrap` points it at the bootstrap server instead.
 */
export function deviceServerUri(profile: DeviceProfile, env: DeviceEnvironment): { serverUri: string; bootstrapUri?: string } {
  const secure = profile.security.mode === 'psk' && env.secureServer !== undefined;
  const base = secure && env.secureServer ? env.secureServer : env.server;
  const url = new URL(base.uri);
  const values = {
    'server.host': url.hostname.replace(/^\[(.*)\]$/, '$1'),
    'server.port': url.port !== '' ? url.port : url.protocol === 'coaps:' ? '5684' : '5683',
    'server.uri': base.uri,
    'bootstrap.uri': env.bootstrap?.uri,
  };
  const serverUri = expandTemplate(profile.server.uri, values, 'server.uri');
  return { serverUri, ...(env.bootstrap ? { bootstrapUri: env.bootstrap.uri } : {}) };
}

/**
 * A firmware with the server URI built in (a profile URI without placeholders) talks to that address, whatever
 * the harness offers. When it is not where the harness expects the device (the link proxy, or the server),
 * the evidence says so: shaping would not reach it, and a Register may never arrive.
 */
export function builtInUriMismatch(profile: DeviceProfile, env: DeviceEnvironment): string | undefined {
  if (/\{[A-Za-z]/.test(profile.server.uri) || profile.server.mode !== 'fixed') return undefined;
  const offered = [env.server.uri, env.secureServer?.uri].filter((u): u is string => u !== undefined);
  if (offered.some((u) => sameUri(u, profile.server.uri))) return undefined;
  return `the device's built-in server URI ${profile.server.uri} is not where the harness expects it (${offered.join(' or ')}): use --bind/--link to match it`;
}

function sameUri(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.protocol === y.protocol && x.hostname === y.hostname && (x.port || '5683') === (y.port || '5683');
  } catch {
    return a === b;
  }
}
