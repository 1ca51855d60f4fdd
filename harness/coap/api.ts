import type { Endpoint } from '../net/transport.ts';

/**
 * The contract between the CoAP messaging layer (endpoint.ts implements it) and the LwM2M server above it.
 * Codes are written as in RFC 7252 "c.dd" text: "0.01" GET ... "2.05" Content, "4.04" Not Found.
 */
export type CoapType = 'CON' | 'NON' | 'ACK' | 'RST';
export type CoapMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'FETCH' | 'PATCH' | 'iPATCH';

export interface CoapOption {
  /** Option number (RFC 7252 §5.10 registry). */
  number: number;
  value: Buffer;
}

/** A decoded CoAP message as it crossed the wire. */
export interface CoapMessage {
  type: CoapType;
  code: string;
  messageId: number;
  token: Buffer;
  options: CoapOption[];
  payload: Buffer;
}

/** What a caller asks for; the messaging layer fills in message id, token, type and block options. */
export interface CoapRequest {
  method: CoapMethod;
  /** Uri-Path segments, e.g. ['3', '0', '1'] or ['rd']. */
  path: string[];
  /** Uri-Query items, e.g. ['ep=dev1', 'lt=300']. */
  query?: string[];
  contentFormat?: number;
  accept?: number;
  payload?: Buffer;
  /** Observe option: 0 registers, 1 deregisters. */
  observe?: 0 | 1;
  /** Defaults to true (CON). */
  confirmable?: boolean;
  /** Extra options (number/value), e.g. to send a deliberately odd request in a scenario. */
  extraOptions?: CoapOption[];
}

export interface CoapResponse {
  code: string;
  contentFormat?: number;
  /** The whole payload; Block2 transfers are reassembled. */
  payload: Buffer;
  /** Observe sequence number when present. */
  observe?: number;
  /** Location-Path segments (Register answers with /rd/<id>). */
  locationPath: string[];
  /** The last message of the exchange as received. */
  message: CoapMessage;
  /** Trace entry ids of every datagram of this exchange (requests, retransmissions, blocks, responses). */
  traceIds: number[];
}

export interface IncomingRequest {
  from: Endpoint;
  method: CoapMethod;
  path: string[];
  query: string[];
  contentFormat?: number;
  accept?: number;
  observe?: number;
  /** The whole payload; Block1 transfers are reassembled before the handler sees them. */
  payload: Buffer;
  message: CoapMessage;
  traceIds: number[];
}

export interface OutgoingResponse {
  code: string;
  contentFormat?: number;
  payload?: Buffer;
  locationPath?: string[];
  extraOptions?: CoapOption[];
  /** The LwM2M operation (e.g. "Register"): tags the request's and this response's trace entries. */
  operation?: string;
}

export type RequestHandler = (request: IncomingRequest) => OutgoingResponse | Promise<OutgoingResponse>;

export interface RequestOptions {
  /** Give up after this many ms of the run's clock (default: EXCHANGE_LIFETIME-ish per RFC 7252). */
  timeoutMs?: number;
  /** The LwM2M operation this exchange belongs to, written into the trace (e.g. "Read /3/0/1"). */
  operation?: string;
  /** Block2 size to ask for (16..1024). */
  block2Size?: number;
  /** Block1 size used to send large payloads (16..1024). */
  block1Size?: number;
}

/** A notification of an active observation. */
export interface Notification {
  from: Endpoint;
  code: string;
  observe?: number;
  contentFormat?: number;
  payload: Buffer;
  /** The run clock's time when it arrived. */
  receivedAt: number;
  message: CoapMessage;
  traceIds: number[];
}

export interface Observation {
  /** The answer to the Observe registration (also the first value). */
  readonly first: CoapResponse;
  readonly token: Buffer;
  /** Cancels: 'rst' answers the next notification with RST (reactive); 'get' sends GET with Observe=1 (proactive). */
  cancel(mode?: 'rst' | 'get'): Promise<void>;
  /** True until cancelled or until the peer ended it (error code or RST). */
  readonly active: boolean;
}

/** Observation events: a notification arrived in order (stale, reordered ones are dropped and traced). */
export type NotificationHandler = (notification: Notification) => void;
