import type { Random } from '../../random.ts';
import { tlvResources } from '../load/tlv-writer.ts';
import { code, encodeRaw, Opt, pathOptions, queryOptions, uint, type RawMessage, type RawOption } from './raw-coap.ts';

/** One fuzz datagram and how it was made (named in failure messages). */
export interface FuzzDatagram {
  kind: string;
  bytes: Buffer;
}

const CON = 0;
const NON = 1;
const ACK = 2;
const TLV = 11542;
const OMA_JSON = 11543;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[random.int(0, items.length - 1)] as T;
}

function text(random: Random, alphabet: string, min: number, max: number): string {
  let out = '';
  const n = random.int(min, max);
  for (let i = 0; i < n; i++) out += alphabet[random.int(0, alphabet.length - 1)];
  return out;
}

const NAME = 'abcdefghijklmnopqrstuvwxyz0123456789-_';
const LINK_GARBAGE = '<>/,;="\'0123456789abcdefrtctpminax.\\ \u00e9\u0000';
const JSON_GARBAGE = '{}[]":,0123456789.-+eEtrufalsnbvn ';

function token(random: Random): Buffer {
  return random.bytes(random.int(0, 8));
}

function registerMessage(random: Random): RawMessage {
  const query = [`ep=${text(random, NAME, 1, 24)}`];
  if (random.chance(0.8)) query.push(`lt=${pick(random, ['60', '86400', '0', '-1', '99999999999', 'abc', ''])}`);
  if (random.chance(0.8)) query.push(`lwm2m=${pick(random, ['1.0', '1.1', '1.0.0', '2.0', ''])}`);
  if (random.chance(0.5)) query.push(`b=${pick(random, ['U', 'UQ', 'S', 'UQS', 'X', ''])}`);
  if (random.chance(0.2)) query.push(text(random, NAME + '=&', 0, 30));
  const links = random.chance(0.7) ? '</1/0>,</3/0>,</3303/0>;ver=1.1' : text(random, LINK_GARBAGE, 0, 120);
  return {
    type: random.chance(0.85) ? CON : NON,
    code: code(0, 2),
    messageId: random.int(0, 0xffff),
    token: token(random),
    options: [...pathOptions(['rd']), { number: Opt.contentFormat, value: uint(40) }, ...queryOptions(query)],
    payload: Buffer.from(links, 'utf8'),
  };
}

function updateMessage(random: Random, ids: readonly string[]): RawMessage {
  const id = ids.length > 0 && random.chance(0.5) ? pick(random, ids) : text(random, NAME, 0, 12);
  const options: RawOption[] = [...pathOptions(['rd', id])];
  if (random.chance(0.5)) options.push(...queryOptions([`lt=${random.int(-5, 100000)}`]));
  const del = random.chance(0.3);
  return {
    type: random.chance(0.8) ? CON : NON,
    code: del ? code(0, 4) : code(0, 2),
    messageId: random.int(0, 0xffff),
    token: token(random),
    options,
    ...(random.chance(0.3) ? { payload: Buffer.from(text(random, LINK_GARBAGE, 0, 60)) } : {}),
  };
}

function badTlv(random: Random): Buffer {
  const good = tlvResources([[0, 'ACME'], [9, random.int(0, 100)], [13, random.int(0, 2 ** 31)]]);
  const bytes = Buffer.from(good);
  if (random.chance(0.5)) return bytes.subarray(0, random.int(0, bytes.length));
  for (let i = random.int(1, 4); i > 0; i--) bytes[random.int(0, bytes.length - 1)] = random.int(0, 255);
  return bytes;
}

function badJson(random: Random): Buffer {
  if (random.chance(0.5)) return Buffer.from(text(random, JSON_GARBAGE, 0, 80));
  return Buffer.from(JSON.stringify({ bn: '/3/0/', e: [{ n: random.chance(0.5) ? '9' : 'x/y', v: random.chance(0.5) ? 'str' : random.next() }] }).slice(0, random.int(5, 60)));
}

/** A response or notification nobody asked for, with a broken TLV or JSON body. */
function responseMessage(random: Random): RawMessage {
  const json = random.chance(0.5);
  const options: RawOption[] = [{ number: Opt.contentFormat, value: uint(json ? OMA_JSON : TLV) }];
  if (random.chance(0.5)) options.push({ number: Opt.observe, value: uint(random.int(0, 0xffffff)) });
  return {
    type: pick(random, [CON, NON, ACK]),
    code: code(2, 5),
    messageId: random.int(0, 0xffff),
    token: random.bytes(random.int(1, 8)),
    options,
    payload: json ? badJson(random) : badTlv(random),
  };
}

function randomRequest(random: Random): RawMessage {
  const segments = Array.from({ length: random.int(0, 5) }, () => text(random, NAME + '/%.\u0000', 0, 10));
  const query = Array.from({ length: random.int(0, 4) }, () => text(random, NAME + '=&?', 0, 20));
  return {
    type: random.int(0, 1),
    code: code(0, random.int(1, 7)),
    messageId: random.int(0, 0xffff),
    token: token(random),
    options: [...pathOptions(segments), ...queryOptions(query)],
    ...(random.chance(0.3) ? { payload: random.bytes(random.int(0, 40)) } : {}),
  };
}

function withHugeOption(random: Random, base: RawMessage): RawMessage {
  const huge: RawOption = random.chance(0.5)
    ? { number: pick(random, [Opt.uriQuery, Opt.uriPath, Opt.contentFormat, Opt.accept, Opt.block1, Opt.block2, Opt.size1]), value: random.bytes(random.int(5, 3000)) }
    : { number: random.int(0, 65535 + 269), value: random.bytes(random.int(0, 40)) };
  return { ...base, options: [...base.options, huge] };
}

function flipBits(random: Random, bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  if (out.length === 0) return out;
  for (let i = random.int(1, 6); i > 0; i--) {
    const at = random.int(0, out.length - 1);
    out[at] = (out[at] as number) ^ (1 << random.int(0, 7));
  }
  return out;
}

/** An option byte with a reserved (15) delta or length nibble, or an extension cut short, after the token. */
function badOptionBytes(random: Random, m: RawMessage): Buffer {
  const bytes = encodeRaw({ ...m, options: [], payload: Buffer.alloc(0) });
  const bad = pick(random, [[0xf1, 0x41], [0x1f, 0x41], [0xd0], [0xe0, 0x01], [0x1d], [0x1e, 0x00], [0x31, 0x61, 0x0b, 0x00]]);
  return Buffer.concat([bytes, Buffer.from(bad), random.chance(0.5) ? Buffer.from([0xff]) : Buffer.alloc(0)]);
}

/** The next fuzz datagram. `ids` are registration ids the server handed out so far (for Updates). */
export function fuzzDatagram(random: Random, ids: readonly string[]): FuzzDatagram {
  const base = (): RawMessage => {
    const r = random.int(0, 3);
    return r === 0 ? registerMessage(random) : r === 1 ? updateMessage(random, ids) : r === 2 ? responseMessage(random) : randomRequest(random);
  };
  switch (random.int(0, 11)) {
    case 0:
      return { kind: 'random bytes', bytes: random.bytes(random.int(0, 64)) };
    case 1:
      return { kind: 'register', bytes: encodeRaw(registerMessage(random)) };
    case 2:
      return { kind: 'register with bit flips', bytes: flipBits(random, encodeRaw(registerMessage(random))) };
    case 3: {
      const bytes = encodeRaw(base());
      return { kind: 'truncated', bytes: bytes.subarray(0, random.int(0, Math.max(0, bytes.length - 1))) };
    }
    case 4:
      return { kind: 'bad option nibble', bytes: badOptionBytes(random, base()) };
    case 5:
      return { kind: 'huge option', bytes: encodeRaw(withHugeOption(random, base())) };
    case 6: {
      const m = base();
      return { kind: 'bad token length', bytes: encodeRaw({ ...m, tokenLengthField: random.int(9, 15), token: random.bytes(random.int(0, 15)) }) };
    }
    case 7:
      return { kind: 'wrong version', bytes: encodeRaw({ ...base(), version: pick(random, [0, 2, 3]) }) };
    case 8: {
      const m = base();
      const unknown = random.chance(0.5) ? code(pick(random, [1, 3, 6, 7]), random.int(0, 31)) : code(0, random.int(8, 31));
      return { kind: 'unknown code', bytes: encodeRaw({ ...m, code: unknown }) };
    }
    case 9:
      return { kind: 'random path and query', bytes: encodeRaw(randomRequest(random)) };
    case 10:
    {
      const bytes = encodeRaw(updateMessage(random, ids));
      return { kind: 'update or de-register', bytes: random.chance(0.5) ? bytes : flipBits(random, bytes) };
    }
    default:
      return { kind: 'response with bad TLV/JSON', bytes: encodeRaw(responseMessage(random)) };
  }
}

/** A broken (or, now and then, valid) body for a Read answer or a notification, in a random content format. */
export function badPayload(random: Random): { contentFormat?: number; payload: Buffer } {
  const r = random.int(0, 5);
  const payload = r <= 1 ? badTlv(random) : r <= 3 ? badJson(random) : r === 4 ? random.bytes(random.int(0, 40)) : Buffer.from(text(random, JSON_GARBAGE, 0, 20));
  const contentFormat = random.chance(0.1) ? undefined : pick(random, [TLV, OMA_JSON, 0, 40, 42, 60, 110, 112, 1542, 1543, random.int(0, 65535)]);
  return contentFormat === undefined ? { payload } : { contentFormat, payload };
}
