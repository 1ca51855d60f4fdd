import type { DeviceCapabilities, DeviceFeature } from '../../harness/engine/device.ts';

/**
 * What a device offers, cut down to what a profile declares: objects, bindings and formats in both lists, and
 * every feature the profile declares absent absent. Used to run the emulated client as a baseline for a board
 * whose firmware is the same client with fewer declared capabilities (the engine then marks the same scenarios
 * not-supported on both sides).
 */
export function narrowCapabilities(offered: DeviceCapabilities, declared: DeviceCapabilities): DeviceCapabilities {
  const features: Partial<Record<DeviceFeature, boolean>> = { ...offered.features };
  for (const [feature, present] of Object.entries(declared.features) as Array<[DeviceFeature, boolean | undefined]>) {
    if (present === false) features[feature] = false;
  }
  return {
    objects: offered.objects.filter((o) => declared.objects.includes(o)),
    bindings: offered.bindings.filter((b) => declared.bindings.includes(b)),
    contentFormats: offered.contentFormats.filter((f) => declared.contentFormats.includes(f)),
    features,
  };
}
