import { InputError } from '../../harness/errors.ts';
import type { Endpoint } from '../../harness/net/transport.ts';

export type ServerScheme = 'coap' | 'coaps';

export interface ServerUri {
  scheme: ServerScheme;
  endpoint: Endpoint;
}

const DEFAULT_PORT: Record<ServerScheme, number> = { coap: 5683, coaps: 5684 };

/** `coap://host:port` or `coaps://host:port` (IPv6 hosts in brackets); other schemes are an InputError. */
export function parseServerUri(uri: string): ServerUri {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new InputError(`not a server URI: '${uri}'`, { uri });
  }
  if (url.protocol !== 'coap:' && url.protocol !== 'coaps:') {
    throw new InputError(`only coap:// and coaps:// server URIs are supported by the emulated client: '${uri}'`, { uri });
  }
  const scheme: ServerScheme = url.protocol === 'coaps:' ? 'coaps' : 'coap';
  return { scheme, endpoint: { address: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || DEFAULT_PORT[scheme]) } };
}

/** The endpoint of a coap:// or coaps:// URI. */
export function parseCoapUri(uri: string): Endpoint {
  return parseServerUri(uri).endpoint;
}
