import { isIP } from 'node:net';
import type { Endpoint } from '../net/transport.ts';
import type { Trace, TraceEntry } from './trace.ts';

/** LINKTYPE_RAW: each packet is a bare IPv4 or IPv6 datagram (the version nibble tells which). */
const LINKTYPE_RAW = 101;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_COMMENT = 1;
const OPT_END = 0;

/**
 * Writes the trace as pcapng (one Section Header, one raw-IP interface, one Enhanced Packet per datagram)
 * with synthesised IP and UDP headers, so Wireshark or tshark can dissect the CoAP inside.
 * Secrets registered on the trace are zeroed in the packet bytes and masked in comments.
 */
export function traceToPcapng(trace: Trace, options: { application?: string } = {}): Buffer {
  const blocks = [sectionHeader(options.application ?? 'lwm2m-hil'), interfaceDescription()];
  for (const entry of trace.entries()) blocks.push(enhancedPacket(entry, trace.redactedBytes(entry), comment(trace, entry)));
  return Buffer.concat(blocks);
}

function comment(trace: Trace, entry: TraceEntry): string {
  const parts = [entry.operation, entry.error ? `error: ${entry.error}` : undefined, entry.note].filter((p): p is string => !!p);
  return trace.redactText(parts.join('; '));
}

function block(type: number, body: Buffer): Buffer {
  const total = 12 + body.length;
  const out = Buffer.alloc(total);
  out.writeUInt32LE(type, 0);
  out.writeUInt32LE(total, 4);
  body.copy(out, 8);
  out.writeUInt32LE(total, total - 4);
  return out;
}

function option(code: number, value: Buffer): Buffer {
  const padded = Buffer.alloc(4 + pad4(value.length));
  padded.writeUInt16LE(code, 0);
  padded.writeUInt16LE(value.length, 2);
  value.copy(padded, 4);
  return padded;
}

function endOfOptions(): Buffer {
  return Buffer.alloc(4, 0); // opt_endofopt: code 0, length 0
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function sectionHeader(application: string): Buffer {
  const fixed = Buffer.alloc(16);
  fixed.writeUInt32LE(BYTE_ORDER_MAGIC, 0);
  fixed.writeUInt16LE(1, 4); // major version
  fixed.writeUInt16LE(0, 6); // minor version
  fixed.writeBigInt64LE(-1n, 8); // section length not given
  const SHB_USERAPPL = 4;
  return block(0x0a0d0d0a, Buffer.concat([fixed, option(SHB_USERAPPL, Buffer.from(application, 'utf8')), endOfOptions()]));
}

function interfaceDescription(): Buffer {
  const fixed = Buffer.alloc(8);
  fixed.writeUInt16LE(LINKTYPE_RAW, 0);
  fixed.writeUInt32LE(0, 4); // no snap length limit
  // if_tsresol is left at its default: microseconds.
  return block(0x00000001, fixed);
}

function enhancedPacket(entry: TraceEntry, payload: Buffer, note: string): Buffer {
  const [src, dst] = entry.direction === 'out' ? [entry.local, entry.remote] : [entry.remote, entry.local];
  const packet = ipUdpPacket(src, dst, payload);
  const micros = BigInt(Math.round(entry.time * 1000));
  const fixed = Buffer.alloc(20);
  fixed.writeUInt32LE(0, 0); // interface id
  fixed.writeUInt32LE(Number(micros >> 32n), 4);
  fixed.writeUInt32LE(Number(micros & 0xffffffffn), 8);
  fixed.writeUInt32LE(packet.length, 12);
  fixed.writeUInt32LE(packet.length, 16);
  const data = Buffer.alloc(pad4(packet.length));
  packet.copy(data);
  const options = note ? Buffer.concat([option(OPT_COMMENT, Buffer.from(note, 'utf8')), endOfOptions()]) : Buffer.alloc(0);
  return block(0x00000006, Buffer.concat([fixed, data, options]));
}

/** An address for the packet headers: the endpoint's own when it is IP, else a stable synthetic one. */
export function packetAddress(endpoint: Endpoint, family?: 4 | 6): Buffer {
  const kind = isIP(endpoint.address);
  if (kind === 4 && family !== 6) return Buffer.from(endpoint.address.split('.').map(Number));
  if (kind === 6 && family !== 4) return ipv6Bytes(endpoint.address);
  if (kind === 4) return Buffer.concat([Buffer.from('00000000000000000000ffff', 'hex'), Buffer.from(endpoint.address.split('.').map(Number))]);
  const hash = fnv1a(endpoint.address);
  if (family === 6) {
    // 2001:db8::/32 is the documentation prefix: never real traffic.
    const out = Buffer.alloc(16);
    out.writeUInt32BE(0x20010db8, 0);
    out.writeUInt32BE(hash, 12);
    return out;
  }
  // 198.18.0.0/15 (benchmarking, RFC 2544): 17 bits of hash, avoiding .0 and .255 host parts.
  const host = hash & 0x1ffff;
  const third = 18 + (host >> 16);
  const lowByte = Math.min(254, Math.max(1, host & 0xff));
  return Buffer.from([198, third, (host >> 8) & 0xff, lowByte]);
}

function ipUdpPacket(src: Endpoint, dst: Endpoint, payload: Buffer): Buffer {
  const v6 = isIP(src.address) === 6 || isIP(dst.address) === 6;
  const family = v6 ? 6 : 4;
  const srcAddr = packetAddress(src, family);
  const dstAddr = packetAddress(dst, family);
  const udp = Buffer.alloc(8 + payload.length);
  udp.writeUInt16BE(src.port & 0xffff, 0);
  udp.writeUInt16BE(dst.port & 0xffff, 2);
  udp.writeUInt16BE(udp.length & 0xffff, 4);
  payload.copy(udp, 8);
  if (!v6) {
    const ip = Buffer.alloc(20);
    ip[0] = 0x45; // version 4, 5-word header
    ip.writeUInt16BE(20 + udp.length, 2);
    ip[8] = 64; // TTL
    ip[9] = 17; // UDP
    srcAddr.copy(ip, 12);
    dstAddr.copy(ip, 16);
    ip.writeUInt16BE(internetChecksum([ip]), 10);
    return Buffer.concat([ip, udp]); // UDP checksum 0: "not computed", allowed over IPv4
  }
  const ip = Buffer.alloc(40);
  ip.writeUInt32BE(0x60000000, 0);
  ip.writeUInt16BE(udp.length, 4);
  ip[6] = 17;
  ip[7] = 64;
  srcAddr.copy(ip, 8);
  dstAddr.copy(ip, 24);
  // IPv6 requires the UDP checksum, over a pseudo-header of addresses, length and next header.
  const pseudo = Buffer.alloc(40);
  srcAddr.copy(pseudo, 0);
  dstAddr.copy(pseudo, 16);
  pseudo.writeUInt32BE(udp.length, 32);
  pseudo[39] = 17;
  const sum = internetChecksum([pseudo, udp]);
  udp.writeUInt16BE(sum === 0 ? 0xffff : sum, 6);
  return Buffer.concat([ip, udp]);
}

/** RFC 1071 one's-complement sum over the concatenated buffers. */
export function internetChecksum(parts: Buffer[]): number {
  const data = Buffer.concat(parts);
  let sum = 0;
  for (let i = 0; i < data.length; i += 2) sum += ((data[i] ?? 0) << 8) + (data[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function ipv6Bytes(address: string): Buffer {
  let text = address.split('%')[0] ?? address;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    // An embedded IPv4 tail (e.g. ::ffff:192.0.2.1) becomes two hex words.
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const words = (s: string | undefined): number[] => (s ? s.split(':').map((w) => Number.parseInt(w, 16) || 0) : []);
  const [head, tail] = text.split('::');
  const left = words(head);
  const right = words(tail);
  const all = [...left, ...new Array<number>(Math.max(0, 8 - left.length - right.length)).fill(0), ...right];
  const out = Buffer.alloc(16);
  all.slice(0, 8).forEach((w, i) => out.writeUInt16BE(w & 0xffff, i * 2));
  return out;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}
