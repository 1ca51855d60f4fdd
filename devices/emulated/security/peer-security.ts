/**
 * How the device secures its traffic with one peer, read from its Security (/0) objects as a real client
 * does: the instance whose Server URI names the peer decides. A coaps:// URI with Security Mode 0 (PSK) means
 * DTLS with that instance's PSK Identity (/0/x/3) and Secret Key (/0/x/5); a coap:// URI means NoSec. Peers
 * no instance names (a firmware download server) are reached in clear.
 */
import { InputError } from '../../../harness/errors.ts';
import type { PskCredential } from '../../../harness/engine/device.ts';
import { sameEndpoint, type Endpoint } from '../../../harness/net/transport.ts';
import { parseServerUri } from '../coap-uri.ts';
import type { ObjectTree } from '../objects/object-tree.ts';
import { SECURITY_OBJECT, SecurityResource, SecurityModeValue } from '../objects/security.ts';

export type PeerSecurity = { mode: 'nosec' } | { mode: 'psk'; psk: PskCredential };

const MODE_NAMES: Record<number, string> = { 0: 'PSK', 1: 'RPK', 2: 'certificate', 3: 'NoSec' };

/** The security for `peer`, or undefined when no Security instance names it. Throws InputError for an account it cannot use. */
export function securityForPeer(tree: ObjectTree, peer: Endpoint): PeerSecurity | undefined {
  for (const instance of tree.instances(SECURITY_OBJECT)) {
    const uri = instance.read(SecurityResource.SERVER_URI);
    if (typeof uri !== 'string') continue;
    let parsed;
    try {
      parsed = parseServerUri(uri);
    } catch {
      continue;
    }
    if (!sameEndpoint(parsed.endpoint, peer)) continue;
    if (parsed.scheme === 'coap') return { mode: 'nosec' };
    const mode = instance.read(SecurityResource.SECURITY_MODE);
    if (mode !== SecurityModeValue.PSK) {
      const name = typeof mode === 'number' ? (MODE_NAMES[mode] ?? String(mode)) : 'unset';
      throw new InputError(`Security instance ${instance.instanceId} (${uri}) uses security mode ${name}; the emulated client speaks DTLS with PSK only`, { instanceId: instance.instanceId, uri });
    }
    const identity = instance.read(SecurityResource.PSK_IDENTITY);
    const key = instance.read(SecurityResource.SECRET_KEY);
    if (!Buffer.isBuffer(identity) || identity.length === 0 || !Buffer.isBuffer(key) || key.length === 0) {
      throw new InputError(`Security instance ${instance.instanceId} (${uri}) is PSK mode without a PSK identity and key`, { instanceId: instance.instanceId, uri });
    }
    return { mode: 'psk', psk: { identity: identity.toString('utf8'), key: Buffer.from(key) } };
  }
  return undefined;
}
