import { InputError } from '../../harness/errors.ts';
import type { Endpoint } from '../../harness/net/transport.ts';

/** `coap://host:port` to an endpoint (IPv6 hosts in brackets). coaps:// waits for the client's DTLS. */
export function parseCoapUri(uri: string): Endpoint {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new InputError(`not a server URI: '${uri}'`, { uri });
  }
  if (url.protocol === 'coaps:') throw new InputError(`coaps:// needs DTLS, which the emulated client does not speak yet: '${uri}'`, { uri });
  if (url.protocol !== 'coap:') throw new InputError(`only coap:// is supported by the emulated client so far: '${uri}'`, { uri });
  return { address: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 5683) };
}

/** The inverse, for the Security object's Server URI. */
export function formatCoapUri(endpoint: Endpoint): string {
  const host = endpoint.address.includes(':') ? `[${endpoint.address}]` : endpoint.address;
  return `coap://${host}:${endpoint.port}`;
}
