import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoapMessage } from './api.ts';
import type { Endpoint } from '../net/transport.ts';
import { encode } from './codec.ts';
import { internetChecksum, packetAddress, traceToPcapng } from './pcapng.ts';
import { OptionNumber } from './options.ts';
import { Trace } from './trace.ts';

const TSHARK = '/usr/bin/tshark';
const START = 1_700_000_000_000;

function message(code: string, type: CoapMessage['type'], mid: number, path: string[] = []): CoapMessage {
  return {
    type, code, messageId: mid, token: code === '0.00' ? Buffer.alloc(0) : Buffer.from([mid & 0xff]),
    options: path.map((p) => ({ number: OptionNumber.UriPath, value: Buffer.from(p) })),
    payload: code === '2.05' ? Buffer.from('21.5') : Buffer.alloc(0),
  };
}

function traceBetween(local: Endpoint, remote: Endpoint, codes: [string, CoapMessage['type']][]): Trace {
  const trace = new Trace({ startTime: START });
  codes.forEach(([code, type], i) => {
    const m = message(code, type, 100 + Math.floor(i / 2), ['3303', '0', '5700']);
    const entry = trace.add({ time: START + i * 12.5, direction: i % 2 === 0 ? 'out' : 'in', local, remote, bytes: encode(m), message: m, operation: 'Read /3303/0/5700' });
    if (i === 1) trace.annotate(entry.id, 'psk=SECRET');
  });
  trace.add({ time: START + 999, direction: 'in', local, remote, bytes: Buffer.from('4001', 'hex'), error: 'malformed CoAP message: truncated header' });
  trace.addSecret('SECRET');
  return trace;
}

function tshark(file: string, filter: string, fields: string[]): string[][] {
  const result = spawnSync(TSHARK, ['-r', file, '-o', 'udp.check_checksum:TRUE', '-Y', filter, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tshark failed: ${result.stderr}`);
  return result.stdout.trim().split('\n').filter(Boolean).map((line) => line.split('\t'));
}

const CODES: [string, CoapMessage['type']][] = [
  ['0.01', 'CON'], ['2.05', 'ACK'], ['0.01', 'CON'], ['4.04', 'ACK'], ['0.03', 'CON'], ['2.04', 'ACK'],
];

for (const [label, local, remote] of [
  ['IPv4', { address: '127.0.0.1', port: 5683 }, { address: '127.0.0.1', port: 56830 }],
  ['IPv6', { address: '::1', port: 5683 }, { address: '::1', port: 40000 }],
  ['simulated host names', { address: 'server', port: 5683 }, { address: 'device-1', port: 5683 }],
] as const) {
  test(`pcapng over ${label} is read by tshark with the right CoAP codes`, async (t) => {
    if (!existsSync(TSHARK)) {
      t.skip(`tshark is not installed at ${TSHARK}`);
      return;
    }
    const dir = await mkdtemp(join(tmpdir(), 'lwm2m-hil-pcap-'));
    try {
      const file = join(dir, 'trace.pcapng');
      await writeFile(file, traceToPcapng(traceBetween(local, remote, CODES)));
      const rows = tshark(file, 'coap && !_ws.malformed', ['coap.code', 'udp.srcport', 'udp.dstport', 'frame.comment', 'udp.checksum.status']);
      assert.equal(rows.length, CODES.length, 'every well-formed CoAP datagram is dissected');
      const malformed = tshark(file, '_ws.malformed', ['frame.comment']);
      assert.deepEqual(malformed, [['error: malformed CoAP message: truncated header']]);
      const codeNumbers = CODES.map(([code]) => String((Number(code[0]) << 5) | Number(code.slice(2))));
      assert.deepEqual(rows.map((r) => r[0]), codeNumbers);
      assert.equal(rows[0]?.[1], String(local.port));
      assert.equal(rows[0]?.[2], String(remote.port));
      assert.match(rows[1]?.[3] ?? '', /Read \/3303\/0\/5700; psk=<redacted>/);
      if (label === 'IPv6') assert.equal(rows[0]?.[4], '1', 'tshark verifies the IPv6 UDP checksum as good');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

test('pcapng structure: block lengths chain to the end of the file and timestamps are microseconds', () => {
  const trace = traceBetween({ address: '127.0.0.1', port: 5683 }, { address: '127.0.0.1', port: 1 }, CODES.slice(0, 2));
  const file = traceToPcapng(trace);
  const types: number[] = [];
  let offset = 0;
  while (offset < file.length) {
    const type = file.readUInt32LE(offset);
    const length = file.readUInt32LE(offset + 4);
    assert.equal(length % 4, 0);
    assert.equal(file.readUInt32LE(offset + length - 4), length, 'trailing length repeats the leading one');
    types.push(type);
    if (type === 6 && types.filter((x) => x === 6).length === 2) {
      const micros = (BigInt(file.readUInt32LE(offset + 12)) << 32n) | BigInt(file.readUInt32LE(offset + 16));
      assert.equal(micros, BigInt(START * 1000 + 12_500));
    }
    offset += length;
  }
  assert.deepEqual(types, [0x0a0d0d0a, 1, 6, 6, 6]);
});

test('synthetic addresses for host names are stable and in 198.18.0.0/15; checksums follow RFC 1071', () => {
  const a = packetAddress({ address: 'device-1', port: 1 });
  assert.deepEqual(a, packetAddress({ address: 'device-1', port: 2 }));
  assert.notDeepEqual(a, packetAddress({ address: 'device-2', port: 1 }));
  assert.equal(a[0], 198);
  assert.ok(a[1] === 18 || a[1] === 19);
  assert.deepEqual(packetAddress({ address: '::ffff:192.0.2.1', port: 1 }), Buffer.from('00000000000000000000ffffc0000201', 'hex'));
  assert.deepEqual(packetAddress({ address: 'fe80::1:2', port: 1 }), Buffer.from('fe800000000000000000000000010002', 'hex'));
  // RFC 1071 example words 0001 f203 f4f5 f6f7 sum to ddf2; the checksum is its complement.
  assert.equal(internetChecksum([Buffer.from('0001f203f4f5f6f7', 'hex')]), 0x220d);
});
