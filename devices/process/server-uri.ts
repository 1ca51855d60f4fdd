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
