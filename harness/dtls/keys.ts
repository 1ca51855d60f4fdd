import { prf } from './prf.ts';
import { VERIFY_DATA_LENGTH } from './constants.ts';

export const MASTER_SECRET_LENGTH = 48;

/** The PSK premaster secret (RFC 4279 §2): a zero "other secret" as long as the key, then the key. */
export function pskPremaster(psk: Buffer): Buffer {
  const n = psk.length;
  const out = Buffer.alloc(4 + 2 * n);
  out.writeUInt16BE(n, 0);
  out.writeUInt16BE(n, 2 + n);
  psk.copy(out, 4 + n);
  return out;
}

/** The classic master secret, bound to both randoms (RFC 5246 §8.1). */
export function masterSecret(premaster: Buffer, clientRandom: Buffer, serverRandom: Buffer): Buffer {
  return prf(premaster, 'master secret', Buffer.concat([clientRandom, serverRandom]), MASTER_SECRET_LENGTH);
}

/** The extended master secret, bound to the whole handshake up to ClientKeyExchange (RFC 7627 §4). */
export function extendedMasterSecret(premaster: Buffer, sessionHash: Buffer): Buffer {
  return prf(premaster, 'extended master secret', sessionHash, MASTER_SECRET_LENGTH);
}

/** Key material sizes of one cipher suite. */
export interface KeySizes {
  macKey: number;
  encKey: number;
  fixedIv: number;
}

/** One direction's keys. */
export interface DirectionKeys {
  macKey: Buffer;
  encKey: Buffer;
  fixedIv: Buffer;
}

export interface KeyBlock {
  client: DirectionKeys;
  server: DirectionKeys;
}

/** Splits the key expansion in the order RFC 5246 §6.3 fixes: MAC keys, then write keys, then IVs. */
export function deriveKeyBlock(master: Buffer, clientRandom: Buffer, serverRandom: Buffer, sizes: KeySizes): KeyBlock {
  const total = 2 * (sizes.macKey + sizes.encKey + sizes.fixedIv);
  const block = prf(master, 'key expansion', Buffer.concat([serverRandom, clientRandom]), total);
  let offset = 0;
  const take = (n: number): Buffer => {
    const part = Buffer.from(block.subarray(offset, offset + n));
    offset += n;
    return part;
  };
  const clientMac = take(sizes.macKey);
  const serverMac = take(sizes.macKey);
  const clientKey = take(sizes.encKey);
  const serverKey = take(sizes.encKey);
  const clientIv = take(sizes.fixedIv);
  const serverIv = take(sizes.fixedIv);
  return {
    client: { macKey: clientMac, encKey: clientKey, fixedIv: clientIv },
    server: { macKey: serverMac, encKey: serverKey, fixedIv: serverIv },
  };
}

/** Finished.verify_data over the transcript hash (RFC 5246 §7.4.9). */
export function finishedVerifyData(master: Buffer, sender: 'client' | 'server', transcriptHash: Buffer): Buffer {
  return prf(master, `${sender} finished`, transcriptHash, VERIFY_DATA_LENGTH);
}
