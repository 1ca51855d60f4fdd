// The network layer's public pieces: transports (real UDP, simulated), shaping, NAT, errors.
export type { DatagramHandler, DatagramTransport, Endpoint } from './transport.ts';
export { endpointKey, sameEndpoint } from './transport.ts';
export { UdpTransport } from './udp-transport.ts';
export { SimNetwork, SimTransport } from './sim-network.ts';
export type { SimDatagramEvent, SimNetworkOptions, SimNetworkStats } from './sim-network.ts';
export { shape, ShapedTransport } from './shaping.ts';
export type { ShapingDeps } from './shaping.ts';
export type { DirectionCounters, DropReason, ShapingCounters, ShapingEvent } from './shaping-events.ts';
export { checkShapingProfile, reorderDelayOf } from './impairment.ts';
export type { BlackoutWindow, Direction, DirectionImpairment, ShapingProfile } from './impairment.ts';
export { NatTable } from './nat.ts';
export { PortInUseError, SendError, TransportClosedError, TransportError } from './errors.ts';
export { DatagramRelay } from './relay.ts';
export type { RelayOptions } from './relay.ts';
export { openUdpShapingProxy } from './udp-shaping-proxy.ts';
export type { UdpShapingProxy, UdpShapingProxyOptions } from './udp-shaping-proxy.ts';
