import type { CoapMethod } from './api.ts';

/** Request method codes (RFC 7252 §12.1.1, RFC 8132). */
const METHOD_CODES: Record<CoapMethod, string> = {
  GET: '0.01',
  POST: '0.02',
  PUT: '0.03',
  DELETE: '0.04',
  FETCH: '0.05',
  PATCH: '0.06',
  iPATCH: '0.07',
};

const METHODS_BY_CODE = new Map<string, CoapMethod>(
  Object.entries(METHOD_CODES).map(([method, code]) => [code, method as CoapMethod]),
);

export const EMPTY_CODE = '0.00';

export function methodCode(method: CoapMethod): string {
  return METHOD_CODES[method];
}

export function methodOf(code: string): CoapMethod | undefined {
  return METHODS_BY_CODE.get(code);
}

/** "2.05" -> 2 */
export function codeClass(code: string): number {
  return Number.parseInt(code.split('.')[0] ?? '', 10);
}

export function isEmptyCode(code: string): boolean {
  return code === EMPTY_CODE;
}

export function isRequestCode(code: string): boolean {
  return codeClass(code) === 0 && code !== EMPTY_CODE;
}

export function isResponseCode(code: string): boolean {
  const c = codeClass(code);
  return c >= 2 && c <= 5;
}

export function isSuccessCode(code: string): boolean {
  return codeClass(code) === 2;
}

/** "2.05" -> 0x45 */
export function codeToByte(code: string): number {
  const match = /^([0-7])\.(\d\d)$/.exec(code);
  const detail = match ? Number(match[2]) : NaN;
  if (!match || detail > 31) throw new RangeError(`not a CoAP code: "${code}"`);
  return (Number(match[1]) << 5) | detail;
}

/** 0x45 -> "2.05" */
export function byteToCode(byte: number): string {
  return `${byte >> 5}.${String(byte & 0x1f).padStart(2, '0')}`;
}

/** Response codes used by the messaging layer itself. */
export const ResponseCode = {
  Created: '2.01',
  Deleted: '2.02',
  Valid: '2.03',
  Changed: '2.04',
  Content: '2.05',
  Continue: '2.31',
  BadRequest: '4.00',
  BadOption: '4.02',
  NotFound: '4.04',
  MethodNotAllowed: '4.05',
  RequestEntityIncomplete: '4.08',
  RequestEntityTooLarge: '4.13',
  InternalServerError: '5.00',
  ServiceUnavailable: '5.03',
} as const;
