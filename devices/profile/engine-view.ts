import { DEFAULT_TOLERANCES } from '../../harness/engine/device.ts';
import type { DeviceCapabilities, TimingTolerances } from '../../harness/engine/device.ts';
import type { DeviceProfile } from './schema.ts';
import type { PskCredentials } from './secrets.ts';

/** What the engine needs from a profile, in the engine's own types. */
export function profileCapabilities(profile: DeviceProfile): DeviceCapabilities {
  const c = profile.capabilities;
  return { objects: [...c.objects], bindings: [...c.bindings], contentFormats: [...c.contentFormats], features: { ...c.features } };
}

/** The profile's tolerances over the defaults. */
export function profileTolerances(profile: DeviceProfile): TimingTolerances {
  const t = profile.tolerances;
  return {
    notifyMs: t.notifyMs ?? DEFAULT_TOLERANCES.notifyMs,
    lifetimeMs: t.lifetimeMs ?? DEFAULT_TOLERANCES.lifetimeMs,
    disableMs: t.disableMs ?? DEFAULT_TOLERANCES.disableMs,
    bootMs: t.bootMs ?? DEFAULT_TOLERANCES.bootMs,
  };
}

export interface PlaceholderInputs {
  serverUri: string;
  bootstrapUri?: string;
  localPort?: number;
  psk?: PskCredentials;
}

/**
 * The values of the process placeholders ({server.host}, {psk.keyHex}, ...) for one start. The result holds
 * the key: pass it to expandArgv and nowhere else (not into logs or evidence).
 */
export function placeholderValues(profile: DeviceProfile, inputs: PlaceholderInputs): Record<string, string | undefined> {
  const server = new URL(inputs.serverUri);
  return {
    endpoint: profile.endpoint,
    'server.host': server.hostname.replace(/^\[(.*)\]$/, '$1'),
    'server.port': server.port !== '' ? server.port : server.protocol === 'coaps:' ? '5684' : '5683',
    'server.uri': inputs.serverUri,
    'bootstrap.uri': inputs.bootstrapUri,
    'psk.identity': inputs.psk?.identity.toString('utf8'),
    'psk.keyHex': inputs.psk?.key.toString('hex'),
    localPort: inputs.localPort === undefined ? undefined : String(inputs.localPort),
  };
}
