import { CoapEndpoint } from '../../../harness/coap/endpoint.ts';
import type { IncomingRequest, OutgoingResponse } from '../../../harness/coap/api.ts';
import type { DatagramTransport, Endpoint } from '../../../harness/net/transport.ts';
import { Random } from '../../../harness/random.ts';
import type { Bench } from './bench.ts';

/** Where the test package server listens on the bench's simulated network. */
export const PACKAGE_HOST = '10.0.0.9';
export const PACKAGE_PORT = 5693;

export interface TestPackageServer {
  readonly local: Endpoint;
  /** coap:// URI of a path on this server. */
  uri(path: string): string;
  /** Datagrams the server received (the first GET and each Block2 follow-up). */
  readonly received: () => number;
  close(): void;
}

export interface PackageServerOptions {
  /** Answer this many datagrams, then go silent (a server that stops mid-Block2). Default: never stop. */
  answerDatagrams?: number;
}

/**
 * A CoAP package server for the pull method on a bench, made with the harness's CoAP endpoint (it answers
 * large packages with Block2, 1024-byte blocks). Paths not in `files` get 4.04.
 */
export function openPackageServer(bench: Bench, files: ReadonlyMap<string, Buffer>, options: PackageServerOptions = {}): TestPackageServer {
  const inner = bench.network.bind({ address: PACKAGE_HOST, port: PACKAGE_PORT });
  let received = 0;
  inner.onMessage(() => {
    received++;
  });
  const transport = goesSilentAfter(inner, options.answerDatagrams ?? Number.POSITIVE_INFINITY);
  const endpoint = new CoapEndpoint({ transport, clock: bench.clock, random: new Random(99) });
  endpoint.setRequestHandler((req: IncomingRequest): OutgoingResponse => {
    const content = files.get(`/${req.path.join('/')}`);
    if (req.method !== 'GET') return { code: '4.05' };
    if (content === undefined) return { code: '4.04' };
    return { code: '2.05', contentFormat: 42, payload: content };
  });
  return {
    local: inner.local,
    uri: (path) => `coap://${PACKAGE_HOST}:${PACKAGE_PORT}${path}`,
    received: () => received,
    close: () => endpoint.close(),
  };
}

/** Sends the first `limit` datagrams, then drops every further one (the server hangs or loses its uplink). */
function goesSilentAfter(inner: DatagramTransport, limit: number): DatagramTransport {
  let sent = 0;
  return {
    get local() {
      return inner.local;
    },
    async send(data, to) {
      if (sent++ < limit) await inner.send(data, to);
    },
    onMessage: (handler) => inner.onMessage(handler),
    close: () => inner.close(),
  };
}
