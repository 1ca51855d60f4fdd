/**
 * Option helpers for the test clients written straight on coap-packet (raw-client.ts, load/scripted-client.ts):
 * they stay independent of the harness's CoAP layer, so they share these few lines instead.
 */
import type { ParsedPacket } from 'coap-packet';

export const OPTION = { observe: 6, locationPath: 8, uriPath: 11, contentFormat: 12, uriQuery: 15, accept: 17 } as const;

const NUMBER_BY_NAME: Record<string, number> = { Observe: 6, 'Location-Path': 8, 'Uri-Path': 11, 'Content-Format': 12, 'Uri-Query': 15, Accept: 17 };

/** coap-packet reports request codes as "0.01" etc. */
export const METHOD_BY_CODE: Record<string, 'GET' | 'POST' | 'PUT' | 'DELETE'> = { '0.01': 'GET', '0.02': 'POST', '0.03': 'PUT', '0.04': 'DELETE' };

/** Minimal big-endian unsigned integer option value (0 is the empty value). */
export function uintBytes(value: number): Buffer {
  const bytes: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from(bytes);
}

export function readUint(buf: Buffer): number {
  let v = 0;
  for (const b of buf) v = v * 256 + b;
  return v;
}

/** coap-packet names the options it knows and numbers the others. */
export function optionValues(p: ParsedPacket, number: number): Buffer[] {
  return p.options.filter((o) => (typeof o.name === 'number' ? o.name : (NUMBER_BY_NAME[o.name] ?? -1)) === number).map((o) => o.value);
}

/** What both test clients read from a request: path, query, payload and the number-valued options. */
export interface RequestParts {
  path: string[];
  query: string[];
  payload: Buffer;
  accept?: number;
  contentFormat?: number;
  observe?: number;
}

export function requestParts(p: ParsedPacket): RequestParts {
  const parts: RequestParts = {
    path: optionValues(p, OPTION.uriPath).map((v) => v.toString('utf8')),
    query: optionValues(p, OPTION.uriQuery).map((v) => v.toString('utf8')),
    payload: p.payload,
  };
  const accept = firstUint(p, OPTION.accept);
  if (accept !== undefined) parts.accept = accept;
  const contentFormat = firstUint(p, OPTION.contentFormat);
  if (contentFormat !== undefined) parts.contentFormat = contentFormat;
  const observe = firstUint(p, OPTION.observe);
  if (observe !== undefined) parts.observe = observe;
  return parts;
}

export function firstUint(p: ParsedPacket, number: number): number | undefined {
  const v = optionValues(p, number)[0];
  return v === undefined ? undefined : readUint(v);
}
