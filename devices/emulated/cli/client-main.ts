import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { RealClock } from '../../../harness/clock/real-clock.ts';
import type { Command } from '../../../harness/cli/usage.ts';
import { HarnessError } from '../../../harness/errors.ts';
import { UdpTransport } from '../../../harness/net/udp-transport.ts';
import { Random } from '../../../harness/random.ts';
import { parseCoapUri, parseServerUri } from '../coap-uri.ts';
import { readPskFile } from '../../../harness/cli/server-command.ts';
import type { PskCredential } from '../../../harness/engine/device.ts';
import type { Endpoint } from '../../../harness/net/transport.ts';
import { NodeDtlsSession } from '../security/node-dtls-session.ts';
import { EmulatedClient } from '../emulated-client.ts';
import { describeEvent } from '../event-lines.ts';
import { isFaultName } from '../faults.ts';
import { processIo, type CliIo } from './cli-io.ts';
import { runConsoleLine } from './console-commands.ts';
import { bindAddressFor } from '../bind-address.ts';

export const CLIENT_USAGE = 'client --server URI --endpoint EP [--lifetime S] [--fault NAME]... [--psk-file F] [--seed N]';

/** How long `quit` waits for the De-register answer before it exits anyway. */
const QUIT_GRACE_MS = 2000;

interface ClientArgs {
  server: string;
  endpoint: string;
  lifetime: number;
  faults: string[];
  seed: number;
  /** identity:hexkey file for a coaps:// server (its first entry); the key is never printed. */
  pskFile?: string;
}

class ClientUsageError extends Error {}

/**
 * `lwm2m-hil client`: the emulated client as a standalone process over real UDP and the real clock, with a
 * console on stdin (the commands a board's shell would offer) and one line per event on stdout.
 * Resolves with the exit code: 0 after `quit` or the end of stdin, 2 on bad arguments.
 */
export async function runClientCommand(argv: string[], io: CliIo = processIo()): Promise<number> {
  let args: ClientArgs;
  try {
    const parsed = parseClientArgs(argv);
    if (parsed === 'help') {
      io.out(`usage: lwm2m-hil ${CLIENT_USAGE}`);
      return 0;
    }
    args = parsed;
  } catch (err) {
    if (!(err instanceof ClientUsageError || err instanceof HarnessError || err instanceof TypeError)) throw err;
    io.err(`${err.message}\nusage: lwm2m-hil ${CLIENT_USAGE}`);
    return 2;
  }
  let psk: PskCredential | undefined;
  if (args.pskFile !== undefined) {
    try {
      const store = await readPskFile(args.pskFile);
      const identity = store.identities()[0] as string;
      psk = { identity, key: store.lookup(identity) as Buffer };
    } catch (err) {
      if (!(err instanceof Error)) throw err;
      io.err(`${err.message.replace('--psk-file', 'client --psk-file')}\nusage: lwm2m-hil ${CLIENT_USAGE}`);
      return 2;
    }
  }
  const server = parseCoapUri(args.server);
  const transport = await UdpTransport.open({ address: bindAddressFor(server.address), port: 0 });
  const clock = new RealClock();
  const client = new EmulatedClient({
    transport,
    clock,
    random: new Random(args.seed),
    endpoint: args.endpoint,
    // The URI, so that a coaps:// account is held as one (with the PSK: the client then talks DTLS to it).
    server: args.server,
    ...(psk ? { psk } : {}),
    // node-dtls-client (independent of the server's DTLS) unless a fault is on: faults act on harness/dtls's records.
    ...(psk && args.faults.length === 0 ? { dtlsSessions: (peer: Endpoint, key: PskCredential, onEvent?: (line: string) => void) => new NodeDtlsSession(peer, key, onEvent) } : {}),
    lifetime: args.lifetime,
    faults: new Set(args.faults),
    onEvent: (e) => io.out(describeEvent(e)),
  });
  const secured = psk ? ` (DTLS PSK identity ${psk.identity}, ${args.faults.length === 0 ? 'node-dtls-client' : 'harness DTLS'})` : '';
  io.out(`emulated client ${args.endpoint} on ${transport.local.address}:${transport.local.port} -> ${args.server}${secured}${args.faults.length > 0 ? ` with faults ${args.faults.join(', ')}` : ''}`);
  void client.start();
  const lines = createInterface({ input: io.stdin, terminal: false });
  try {
    for await (const line of lines) {
      if (runConsoleLine(client, line, io.out, io.err) === 'quit') break;
    }
  } finally {
    lines.close();
    const grace = clock.sleep(QUIT_GRACE_MS).then(() => false);
    await Promise.race([client.deregister(), grace]);
    client.stop();
    await transport.close();
  }
  return 0;
}

function parseClientArgs(argv: string[]): ClientArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      server: { type: 'string' },
      endpoint: { type: 'string' },
      lifetime: { type: 'string' },
      fault: { type: 'string', multiple: true },
      psk: { type: 'string' },
      'psk-file': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new ClientUsageError(`unexpected argument '${positionals[0]}'`);
  if (values.psk !== undefined) throw new ClientUsageError('--psk: a key on the command line shows in process lists; put identity:hexkey in a file and pass --psk-file');
  if (!values.server) throw new ClientUsageError('--server URI is required (e.g. coap://127.0.0.1:5683)');
  if (!values.endpoint) throw new ClientUsageError('--endpoint EP is required');
  const lifetime = values.lifetime === undefined ? 300 : Number(values.lifetime);
  if (!Number.isInteger(lifetime) || lifetime <= 0) throw new ClientUsageError(`--lifetime must be a positive whole number of seconds, got '${values.lifetime}'`);
  const faults = values.fault ?? [];
  const unknown = faults.filter((f) => !isFaultName(f));
  if (unknown.length > 0) throw new ClientUsageError(`unknown fault(s): ${unknown.join(', ')} (see lwm2m-hil faults)`);
  const seed = values.seed === undefined ? Date.now() % 0x7fffffff : Number(values.seed);
  if (!Number.isInteger(seed)) throw new ClientUsageError(`--seed must be a whole number, got '${values.seed}'`);
  const { scheme } = parseServerUri(values.server);
  const pskFile = values['psk-file'];
  if (scheme === 'coaps' && pskFile === undefined) throw new ClientUsageError('a coaps:// server needs --psk-file (identity:hexkey)');
  if (scheme === 'coap' && pskFile !== undefined) throw new ClientUsageError('--psk-file is for a coaps:// server; this one is coap://');
  return { server: values.server, endpoint: values.endpoint, lifetime, faults, seed, ...(pskFile !== undefined ? { pskFile } : {}) };
}

export const clientCommand: Command = {
  name: 'client',
  usage: CLIENT_USAGE,
  summary: 'run the emulated LwM2M client with a console on stdin',
  run: (argv) => runClientCommand(argv),
};
