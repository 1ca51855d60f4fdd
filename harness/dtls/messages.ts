import { DTLS_1_0, DTLS_1_2, RANDOM_LENGTH } from './constants.ts';
import { DtlsDecodeError } from './errors.ts';
import type { Extension } from './extensions.ts';
import { encodeExtensions, parseExtensions } from './extensions.ts';
import { Reader, u16, vector } from './reader.ts';

/** Handshake message bodies of a PSK handshake, decoded and encoded (RFC 5246 §7.4, RFC 6347 §4.2, RFC 4279 §2). */

export interface ClientHello {
  version: number;
  random: Buffer;
  sessionId: Buffer;
  cookie: Buffer;
  cipherSuites: number[];
  compressionMethods: number[];
  extensions: Extension[];
}

export function parseClientHello(body: Buffer): ClientHello {
  const r = new Reader(body, 'ClientHello');
  const version = r.u16();
  const random = r.take(RANDOM_LENGTH);
  const sessionId = r.vector(1);
  if (sessionId.length > 32) throw new DtlsDecodeError('ClientHello session_id', { length: sessionId.length });
  const cookie = r.vector(1);
  const suitesRaw = r.vector(2);
  if (suitesRaw.length % 2 !== 0 || suitesRaw.length === 0) throw new DtlsDecodeError('ClientHello cipher_suites');
  const cipherSuites: number[] = [];
  for (let i = 0; i < suitesRaw.length; i += 2) cipherSuites.push(suitesRaw.readUInt16BE(i));
  const compressionMethods = [...r.vector(1)];
  const extensions = parseExtensions(r);
  return { version, random, sessionId, cookie, cipherSuites, compressionMethods, extensions };
}

export function encodeClientHello(hello: ClientHello): Buffer {
  const suites = Buffer.alloc(hello.cipherSuites.length * 2);
  hello.cipherSuites.forEach((s, i) => suites.writeUInt16BE(s, i * 2));
  return Buffer.concat([
    u16(hello.version), hello.random, vector(hello.sessionId, 1), vector(hello.cookie, 1),
    vector(suites, 2), vector(Buffer.from(hello.compressionMethods), 1), encodeExtensions(hello.extensions),
  ]);
}

export interface ServerHello {
  version: number;
  random: Buffer;
  sessionId: Buffer;
  cipherSuite: number;
  compressionMethod: number;
  extensions: Extension[];
}

export function encodeServerHello(hello: ServerHello): Buffer {
  return Buffer.concat([
    u16(hello.version), hello.random, vector(hello.sessionId, 1), u16(hello.cipherSuite),
    Buffer.from([hello.compressionMethod]), encodeExtensions(hello.extensions),
  ]);
}

export function parseServerHello(body: Buffer): ServerHello {
  const r = new Reader(body, 'ServerHello');
  const version = r.u16();
  const random = r.take(RANDOM_LENGTH);
  const sessionId = r.vector(1);
  const cipherSuite = r.u16();
  const compressionMethod = r.u8();
  return { version, random, sessionId, cipherSuite, compressionMethod, extensions: parseExtensions(r) };
}

/** HelloVerifyRequest carries DTLS 1.0 whatever is negotiated later (RFC 6347 §4.2.1). */
export function encodeHelloVerifyRequest(cookie: Buffer): Buffer {
  return Buffer.concat([u16(DTLS_1_0), vector(cookie, 1)]);
}

export function parseHelloVerifyRequest(body: Buffer): { version: number; cookie: Buffer } {
  const r = new Reader(body, 'HelloVerifyRequest');
  return { version: r.u16(), cookie: r.vector(1) };
}

/** PSK ServerKeyExchange and ClientKeyExchange are one opaque<0..2^16-1> each: the hint, the identity. */
export function encodePskOpaque(value: Buffer): Buffer {
  return vector(value, 2);
}

export function parsePskOpaque(body: Buffer, what: string): Buffer {
  const r = new Reader(body, what);
  const value = r.vector(2);
  if (r.remaining !== 0) throw new DtlsDecodeError(what, { trailing: r.remaining });
  return value;
}

/** True when a ClientHello's version allows DTLS 1.2 (versions count down: 0xfefd is newer than 0xfeff). */
export function offersDtls12(clientVersion: number): boolean {
  return clientVersion <= DTLS_1_2;
}
