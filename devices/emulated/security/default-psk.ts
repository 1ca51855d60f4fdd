import type { PskCredential } from '../../../harness/engine/device.ts';

/**
 * The emulated device's PSK: identity = its endpoint name, a fixed test key (not a secret of anything real;
 * still handled like one: the world masks it in traces and nothing prints it).
 */
const TEST_KEY_HEX = '4c774d326d2d68696c2d746573742d31';

export function defaultPsk(endpoint: string): PskCredential {
  return { identity: endpoint, key: Buffer.from(TEST_KEY_HEX, 'hex') };
}
