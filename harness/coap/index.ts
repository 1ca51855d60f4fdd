// The CoAP messaging layer's public surface.
export type * from './api.ts';
export { CoapEndpoint, type CoapEndpointOptions } from './endpoint.ts';
export { CoapDecodeError, CoapEncodeError, decode, encode, readHeader, type CoapDecodeReason } from './codec.ts';
export { CoapBlockError, CoapClosedError, CoapResetError } from './coap-errors.ts';
export { codeClass, isRequestCode, isResponseCode, isSuccessCode, methodCode, methodOf, ResponseCode } from './codes.ts';
export * from './options.ts';
export { DEFAULT_TRANSMISSION_PARAMS, deriveTimes, type DerivedTimes, type TransmissionParams } from './params.ts';
export { isNewerNotification, OBSERVE_FRESHNESS_WINDOW_MS } from './observe-order.ts';
export { Trace, type TraceDirection, type TraceEntry, type TraceEntryInput, type TraceEntryJson, type TraceFilter } from './trace.ts';
export { formatEntry } from './trace-format.ts';
export { traceToPcapng, packetAddress } from './pcapng.ts';
