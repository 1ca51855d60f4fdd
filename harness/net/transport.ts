/**
 * A datagram transport: real UDP, the simulated network, DTLS over either, or a shaping decorator
 * around any of them. Everything above the network layer talks to this interface only.
 */
export interface Endpoint {
  /** IPv4 or IPv6 address as text (e.g. "127.0.0.1", "::1"), or a simulated host name. */
  address: string;
  port: number;
}

export type DatagramHandler = (data: Buffer, from: Endpoint) => void;

export interface DatagramTransport {
  /** Where this transport receives datagrams. */
  readonly local: Endpoint;
  /** Sends one datagram. Resolves once it has been handed to the network (not when delivered). */
  send(data: Buffer, to: Endpoint): Promise<void>;
  /** Registers a receiver; returns a function that unregisters it. */
  onMessage(handler: DatagramHandler): () => void;
  /** Stops receiving and releases the socket. Idempotent. */
  close(): Promise<void>;
}

export function endpointKey(e: Endpoint): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

/** `coap://host:port` or `coaps://host:port` (an IPv6 host in brackets). */
export function coapUri(scheme: 'coap' | 'coaps', endpoint: Endpoint): string {
  return `${scheme}://${endpointKey(endpoint)}`;
}

export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.port === b.port && a.address === b.address;
}
