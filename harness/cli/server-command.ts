import { readFile, writeFile } from 'node:fs/promises';
import { RealClock } from '../clock/real-clock.ts';
import type { Clock } from '../clock/clock.ts';
import { Trace } from '../coap/trace.ts';
import { traceToPcapng } from '../coap/pcapng.ts';
import { DtlsServerTransport } from '../dtls/dtls-server-transport.ts';
import { PskStore } from '../dtls/psk-store.ts';
import { HarnessError } from '../errors.ts';
import { BootstrapServer } from '../lwm2m/bootstrap/bootstrap-server.ts';
import type { BootstrapConfig } from '../lwm2m/bootstrap/bootstrap-config.ts';
import { builtinRegistry, loadDdf, type ObjectRegistry } from '../lwm2m/model/index.ts';
import { formatPath } from '../lwm2m/path.ts';
import { LwM2MServer } from '../lwm2m/server/lwm2m-server.ts';
import type { Registration } from '../lwm2m/server/registration/registration.ts';
import { TransportError } from '../net/errors.ts';
import type { Endpoint } from '../net/transport.ts';
import { coapUri, endpointKey } from '../net/transport.ts';
import { UdpTransport } from '../net/udp-transport.ts';
import { Random } from '../random.ts';
import { parseHostPort, parseOptions } from './args.ts';
import { UsageError, type Command } from './usage.ts';

/** What `lwm2m-hil server` was asked to do, after the command line was checked. */
export interface ServerCommandOptions {
  coap: Endpoint;
  /** CoAP over DTLS (PSK): a second LwM2M server on this address, with the keys of `pskFile`. */
  coaps?: Endpoint;
  pskFile?: string;
  bootstrap?: Endpoint;
  json: boolean;
  /** Where to write every datagram as pcapng when the server stops. */
  traceFile?: string;
  /** A DDF file or a directory of them: vendor objects added to the built-in ones. */
  objects?: string;
}

export const DEFAULT_COAP_BIND: Endpoint = { address: '0.0.0.0', port: 5683 };

const USAGE =
  'server [--coap HOST:PORT] [--coaps HOST:PORT] [--bootstrap HOST:PORT] [--psk-file F] [--http HOST:PORT] ' +
  '[--json] [--trace FILE.pcapng] [--objects DIR]';

/** Checks the command line; options that depend on unfinished parts (DTLS, web console) are usage errors. */
export function parseServerArgs(argv: string[]): ServerCommandOptions {
  const { values, positionals } = parseOptions(argv, {
    coap: { type: 'string' },
    coaps: { type: 'string' },
    bootstrap: { type: 'string' },
    'psk-file': { type: 'string' },
    http: { type: 'string' },
    json: { type: 'boolean' },
    trace: { type: 'string' },
    objects: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if ((values.coaps === undefined) !== (values['psk-file'] === undefined)) {
    throw new UsageError('--coaps and --psk-file go together: DTLS needs the PSK identities and keys');
  }
  if (values.http !== undefined) throw new UsageError('--http needs the web console, which is not available in this build yet');
  const options: ServerCommandOptions = {
    coap: values.coap === undefined ? { ...DEFAULT_COAP_BIND } : parseHostPort(values.coap, '--coap'),
    json: values.json === true,
  };
  if (values.coaps !== undefined) options.coaps = parseHostPort(values.coaps, '--coaps');
  if (values['psk-file'] !== undefined) options.pskFile = values['psk-file'];
  if (values.bootstrap !== undefined) options.bootstrap = parseHostPort(values.bootstrap, '--bootstrap');
  if (values.trace !== undefined) {
    if (values.trace.length === 0) throw new UsageError('--trace needs a file name');
    options.traceFile = values.trace;
  }
  if (values.objects !== undefined) options.objects = values.objects;
  return options;
}

/**
 * Reads a PSK file: one `identity:hexkey` per line (the form `lwm2m-hil client --psk` takes); blank lines and
 * lines starting with # are skipped. Errors name the line, never the key.
 */
export async function readPskFile(file: string): Promise<PskStore> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--psk-file ${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const store = new PskStore();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line.length === 0 || line.startsWith('#')) return;
    const colon = line.lastIndexOf(':');
    if (colon <= 0) throw new UsageError(`--psk-file ${file} line ${index + 1}: expected identity:hexkey`);
    try {
      store.set(line.slice(0, colon), line.slice(colon + 1));
    } catch (err) {
      throw new UsageError(`--psk-file ${file} line ${index + 1}: ${(err as Error).message}`);
    }
  });
  if (store.identities().length === 0) throw new UsageError(`--psk-file ${file}: no identity:hexkey line`);
  return store;
}

/** A started server, ready to be stopped. */
export interface RunningServer {
  server: LwM2MServer;
  /** The LwM2M server behind DTLS (--coaps). */
  secureServer?: LwM2MServer;
  bootstrap?: BootstrapServer;
  trace: Trace;
  /** Stops both servers, closes the sockets and writes the pcapng when asked to. Idempotent. */
  close(): Promise<void>;
}

/** One line of output: plain text, or one JSON object per line with --json. */
type Printer = (event: string, fields: Record<string, unknown>, text: string) => void;

function printer(json: boolean, clock: Clock, write: (line: string) => void): Printer {
  return (event, fields, text) => {
    if (json) write(JSON.stringify({ event, time: new Date(clock.now()).toISOString(), ...fields }));
    else write(text);
  };
}

function registrationFields(r: Registration): Record<string, unknown> {
  return {
    endpoint: r.endpoint,
    id: r.id,
    address: endpointKey(r.address),
    lifetime: r.lifetime,
    version: r.version,
    binding: r.binding,
    objects: r.objectLinks.map((l) => formatPath(l.path)),
  };
}

function registrationText(event: string, r: Registration, secure: boolean): string {
  const objects = r.objectLinks.map((l) => formatPath(l.path)).join(',');
  const line = `${event} ep=${r.endpoint} id=${r.id} from=${endpointKey(r.address)} lt=${r.lifetime} lwm2m=${r.version} b=${r.binding} objects=${objects}`;
  return secure ? `${line} via=coaps` : line;
}

/** Prints the registration events (and protocol errors) of one LwM2M server. */
function printEvents(server: LwM2MServer, print: Printer, secure: boolean): void {
  const via = secure ? { via: 'coaps' } : { via: 'coap' };
  for (const event of ['registered', 'updated', 'deregistered', 'expired'] as const) {
    server.on(event, (e) => print(event, { ...registrationFields(e.registration), ...via }, registrationText(event, e.registration, secure)));
  }
  server.on('protocolError', (e) =>
    print('protocolError', { from: endpointKey(e.from), method: e.method, path: e.path, code: e.code, reason: e.reason, ...via },
      `protocol-error from=${endpointKey(e.from)} ${e.method} ${e.path} -> ${e.code}: ${e.reason}`));
}

async function objectRegistry(objects: string | undefined): Promise<ObjectRegistry> {
  const registry = builtinRegistry();
  if (objects === undefined) return registry;
  try {
    for (const def of await loadDdf(objects)) registry.register(def);
  } catch (err) {
    throw new UsageError(`--objects ${objects}: ${(err as Error).message}`);
  }
  return registry;
}

async function openUdp(bind: Endpoint, what: string): Promise<UdpTransport> {
  try {
    return await UdpTransport.open(bind);
  } catch (err) {
    // A busy or unbindable port is the operator's to fix: a usage error (exit 2), no stack trace.
    if (err instanceof TransportError) throw new UsageError(`${what} ${endpointKey(bind)}: ${err.message}`);
    throw err;
  }
}

/** Every client that asks the bootstrap server gets a NoSec account for this server's own CoAP address. */
function bootstrapTo(server: Endpoint): (endpoint: string) => BootstrapConfig {
  const host = server.address === '0.0.0.0' ? '127.0.0.1' : server.address === '::' ? '::1' : server.address;
  const uri = coapUri('coap', { address: host, port: server.port });
  return () => ({ servers: [{ serverUri: uri, securityMode: 'nosec', shortServerId: 1 }] });
}

/** Starts the reference server (and the bootstrap server) on real UDP with the real clock. */
export async function startServer(options: ServerCommandOptions, write: (line: string) => void): Promise<RunningServer> {
  const clock = new RealClock();
  const random = new Random(clock.now() >>> 0);
  const print = printer(options.json, clock, write);
  const registry = await objectRegistry(options.objects);
  if (options.traceFile !== undefined) {
    // Fail now, not after an hour of traffic, when the trace cannot be written.
    try {
      await writeFile(options.traceFile, Buffer.alloc(0));
    } catch (err) {
      throw new UsageError(`--trace ${options.traceFile}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  const credentials = options.pskFile === undefined ? undefined : await readPskFile(options.pskFile);
  const trace = new Trace({ startTime: clock.now() });
  for (const identity of credentials?.identities() ?? []) {
    const key = credentials?.lookup(identity);
    if (key) trace.addSecret(key);
  }
  const transport = await openUdp(options.coap, '--coap');
  let bsTransport: UdpTransport | undefined;
  let dtls: DtlsServerTransport | undefined;
  try {
    if (options.bootstrap !== undefined) bsTransport = await openUdp(options.bootstrap, '--bootstrap');
    if (options.coaps !== undefined && credentials !== undefined) {
      dtls = new DtlsServerTransport({ inner: await openUdp(options.coaps, '--coaps'), credentials, clock });
    }
  } catch (err) {
    await transport.close();
    await bsTransport?.close();
    throw err;
  }
  const server = await LwM2MServer.start({ transport, clock, random: random.fork(), trace, registry });
  const secureServer = dtls === undefined ? undefined : await LwM2MServer.start({ transport: dtls, clock, random: random.fork(), trace, registry });
  const bootstrap = bsTransport === undefined
    ? undefined
    : await BootstrapServer.start({ transport: bsTransport, clock, random: random.fork(), trace, registry, configs: bootstrapTo(transport.local) });

  print('listening', { protocol: 'coap', address: transport.local.address, port: transport.local.port }, `listening coap ${endpointKey(transport.local)}`);
  if (secureServer && dtls) {
    print('listening', { protocol: 'coaps', address: dtls.local.address, port: dtls.local.port }, `listening coaps ${endpointKey(dtls.local)}`);
    dtls.on('handshakeFailed', (e) =>
      print('dtlsHandshakeFailed', { from: endpointKey(e.peer), reason: e.reason }, `dtls-handshake-failed from=${endpointKey(e.peer)}: ${e.reason}`));
  }
  if (bootstrap && bsTransport) {
    print('listening', { protocol: 'bootstrap', address: bsTransport.local.address, port: bsTransport.local.port }, `listening bootstrap ${endpointKey(bsTransport.local)}`);
  }
  printEvents(server, print, false);
  if (secureServer) printEvents(secureServer, print, true);
  bootstrap?.on('bootstrapFinished', (e) =>
    print('bootstrapFinished', { endpoint: e.session.endpoint, address: endpointKey(e.session.address) },
      `bootstrap-finished ep=${e.session.endpoint} from=${endpointKey(e.session.address)}`));
  bootstrap?.on('bootstrapFailed', (e) =>
    print('bootstrapFailed', { endpoint: e.session.endpoint, address: endpointKey(e.session.address), reason: e.reason },
      `bootstrap-failed ep=${e.session.endpoint} from=${endpointKey(e.session.address)}: ${e.reason}`));

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await server.close();
      await secureServer?.close();
      await bootstrap?.close();
      await transport.close();
      await dtls?.close();
      await bsTransport?.close();
      if (options.traceFile !== undefined) {
        await writeFile(options.traceFile, traceToPcapng(trace));
        print('trace', { file: options.traceFile, datagrams: trace.size }, `trace written to ${options.traceFile} (${trace.size} datagrams)`);
      }
      print('stopped', {}, 'stopped');
    })();
    return closing;
  };
  return { server, ...(secureServer ? { secureServer } : {}), ...(bootstrap ? { bootstrap } : {}), trace, close };
}

/** Resolves with the signal's name on the first SIGINT or SIGTERM. */
function nextStopSignal(): { stopped: Promise<string>; dispose(): void } {
  let dispose = (): void => undefined;
  const stopped = new Promise<string>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => resolve(signal);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    dispose = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
  });
  return { stopped, dispose };
}

export const serverCommand: Command = {
  name: 'server',
  usage: USAGE,
  summary: 'run the reference LwM2M server on its own (Ctrl-C stops it)',
  async run(argv) {
    const options = parseServerArgs(argv);
    const write = (line: string): void => {
      process.stdout.write(line + '\n');
    };
    const signals = nextStopSignal();
    let running: RunningServer;
    try {
      running = await startServer(options, write);
    } catch (err) {
      signals.dispose();
      throw err;
    }
    await signals.stopped;
    signals.dispose();
    try {
      await running.close();
    } catch (err) {
      const message = err instanceof HarnessError || err instanceof Error ? err.message : String(err);
      process.stderr.write(`lwm2m-hil server: error while stopping: ${message}\n`);
      return 2;
    }
    return 0;
  },
};
