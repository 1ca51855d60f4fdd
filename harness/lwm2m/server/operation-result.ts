import type { CoapResponse } from '../../coap/api.ts';
import type { LwM2MPath } from '../path.ts';
import type { ResourceEntry } from '../values.ts';

/** A link of a Discover answer, with its attributes (`</3/0/1>;pmin=10`). */
export interface DiscoveredLink {
  target: string;
  /** The numeric path when the target is one (relative to the client's root path). */
  path?: LwM2MPath;
  attributes: Record<string, string | true>;
}

/**
 * What every server-initiated operation returns. Error codes from the client (4.04, 4.05, 4.06, 4.15 ...) are
 * reported here, never thrown: a conformance check wants to see them. Only timeouts and unknown clients throw.
 */
export interface OperationResult {
  /** e.g. "Read /3/0"; the same text tags the exchange in the trace. */
  operation: string;
  code: string;
  /** True for a 2.xx answer. */
  success: boolean;
  /** Decoded values (Read, and the first answer of Observe). */
  entries?: ResourceEntry[];
  /** Parsed links (Discover). */
  links?: DiscoveredLink[];
  /** The instance a Create made, from the answer's Location-Path. */
  created?: LwM2MPath;
  /** Set when a 2.xx payload could not be decoded: the device's fault, kept as evidence. */
  decodeError?: string;
  raw: CoapResponse;
  traceIds: number[];
}

export function isSuccess(code: string): boolean {
  return code.startsWith('2.');
}
