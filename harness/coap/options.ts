import type { CoapMessage, CoapOption } from './api.ts';

/** Option numbers used by the harness (RFC 7252 §12.2, RFC 7641, RFC 7959). */
export const OptionNumber = {
  IfMatch: 1,
  UriHost: 3,
  ETag: 4,
  IfNoneMatch: 5,
  Observe: 6,
  UriPort: 7,
  LocationPath: 8,
  UriPath: 11,
  ContentFormat: 12,
  MaxAge: 14,
  UriQuery: 15,
  Accept: 17,
  LocationQuery: 20,
  Block2: 23,
  Block1: 27,
  Size2: 28,
  ProxyUri: 35,
  ProxyScheme: 39,
  Size1: 60,
} as const;

const OPTION_NAMES = new Map<number, string>(Object.entries(OptionNumber).map(([name, n]) => [n, name]));

export function optionName(number: number): string {
  return OPTION_NAMES.get(number) ?? `Option${number}`;
}

/** Allowed value lengths (RFC 7252 §5.10, RFC 7641 §2, RFC 7959 §2.1). */
const LENGTH_LIMITS = new Map<number, readonly [number, number]>([
  [OptionNumber.IfMatch, [0, 8]],
  [OptionNumber.UriHost, [1, 255]],
  [OptionNumber.ETag, [1, 8]],
  [OptionNumber.IfNoneMatch, [0, 0]],
  [OptionNumber.Observe, [0, 3]],
  [OptionNumber.UriPort, [0, 2]],
  [OptionNumber.LocationPath, [0, 255]],
  [OptionNumber.UriPath, [0, 255]],
  [OptionNumber.ContentFormat, [0, 2]],
  [OptionNumber.MaxAge, [0, 4]],
  [OptionNumber.UriQuery, [0, 255]],
  [OptionNumber.Accept, [0, 2]],
  [OptionNumber.LocationQuery, [0, 255]],
  [OptionNumber.Block2, [0, 3]],
  [OptionNumber.Block1, [0, 3]],
  [OptionNumber.Size2, [0, 4]],
  [OptionNumber.ProxyUri, [1, 1034]],
  [OptionNumber.ProxyScheme, [1, 255]],
  [OptionNumber.Size1, [0, 4]],
]);

/** Odd option numbers are critical: a receiver that does not understand one must reject the message. */
export function isCritical(number: number): boolean {
  return (number & 1) === 1;
}

/**
 * The first critical option in the message that this layer does not recognise or whose value has a bad
 * length, or undefined when all are fine. Proxy options count as unsupported: the harness is no proxy.
 */
export function findBadCriticalOption(message: CoapMessage): CoapOption | undefined {
  for (const option of message.options) {
    if (!isCritical(option.number)) continue;
    if (option.number === OptionNumber.ProxyUri || option.number === OptionNumber.ProxyScheme) return option;
    const limits = LENGTH_LIMITS.get(option.number);
    if (!limits) return option;
    if (option.value.length < limits[0] || option.value.length > limits[1]) return option;
  }
  return undefined;
}

/** Minimal big-endian unsigned encoding (zero is the empty value). */
export function encodeUint(value: number): Buffer {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`not a uint32: ${value}`);
  if (value === 0) return Buffer.alloc(0);
  const bytes: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from(bytes);
}

export function decodeUint(value: Buffer): number {
  let n = 0;
  for (const byte of value) n = n * 256 + byte;
  return n;
}

export function getOption(message: CoapMessage, number: number): Buffer | undefined {
  return message.options.find((o) => o.number === number)?.value;
}

export function getOptions(message: CoapMessage, number: number): Buffer[] {
  return message.options.filter((o) => o.number === number).map((o) => o.value);
}

export function getUintOption(message: CoapMessage, number: number): number | undefined {
  const value = getOption(message, number);
  return value === undefined ? undefined : decodeUint(value);
}

export function getStringOptions(message: CoapMessage, number: number): string[] {
  return getOptions(message, number).map((v) => v.toString('utf8'));
}

export const uriPath = (m: CoapMessage): string[] => getStringOptions(m, OptionNumber.UriPath);
export const uriQuery = (m: CoapMessage): string[] => getStringOptions(m, OptionNumber.UriQuery);
export const locationPath = (m: CoapMessage): string[] => getStringOptions(m, OptionNumber.LocationPath);
export const contentFormat = (m: CoapMessage): number | undefined => getUintOption(m, OptionNumber.ContentFormat);
export const accept = (m: CoapMessage): number | undefined => getUintOption(m, OptionNumber.Accept);
export const observe = (m: CoapMessage): number | undefined => getUintOption(m, OptionNumber.Observe);

export function stringOptions(number: number, values: readonly string[] | undefined): CoapOption[] {
  return (values ?? []).map((v) => ({ number, value: Buffer.from(v, 'utf8') }));
}

export function uintOption(number: number, value: number): CoapOption {
  return { number, value: encodeUint(value) };
}

/** Sorts by option number, keeping the order of repeated options (Array.prototype.sort is stable). */
export function sortOptions(options: readonly CoapOption[]): CoapOption[] {
  return [...options].sort((a, b) => a.number - b.number);
}

/** Replaces every option with that number by the given ones. */
export function withOptions(options: readonly CoapOption[], number: number, replacement: readonly CoapOption[]): CoapOption[] {
  return sortOptions([...options.filter((o) => o.number !== number), ...replacement]);
}

/** A Block1/Block2 option value (RFC 7959 §2.2). */
export interface BlockValue {
  num: number;
  more: boolean;
  /** Block size in bytes: 16 .. 1024. */
  size: number;
}

/** SZX 7 is reserved; a value claiming it is not a usable block option. */
export class BlockOptionError extends Error {}

export function decodeBlock(value: Buffer): BlockValue {
  if (value.length > 3) throw new BlockOptionError(`block option of ${value.length} bytes`);
  const raw = decodeUint(value);
  const szx = raw & 0x7;
  if (szx === 7) throw new BlockOptionError('block option with reserved SZX 7');
  return { num: Math.floor(raw / 16), more: (raw & 0x8) !== 0, size: 1 << (szx + 4) };
}

export function encodeBlock(block: BlockValue): Buffer {
  const szx = blockSizeExponent(block.size);
  if (block.num < 0 || block.num > 0xfffff) throw new RangeError(`block number out of range: ${block.num}`);
  return encodeUint(block.num * 16 + (block.more ? 8 : 0) + szx);
}

/** SZX for a block size: 16 -> 0 ... 1024 -> 6. */
export function blockSizeExponent(size: number): number {
  const szx = Math.log2(size) - 4;
  if (!Number.isInteger(szx) || szx < 0 || szx > 6) throw new RangeError(`block size must be a power of two in 16..1024: ${size}`);
  return szx;
}

export function getBlock(message: CoapMessage, number: typeof OptionNumber.Block1 | typeof OptionNumber.Block2): BlockValue | undefined {
  const value = getOption(message, number);
  return value === undefined ? undefined : decodeBlock(value);
}
