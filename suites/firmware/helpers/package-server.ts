/**
 * A CoAP package server on the world's network for the pull method (Write /5/0/1): the device fetches the
 * package from it with GET (Block2 for large packages). Its datagrams go into the scenario's trace.
 *
 * It binds through the world's openService: at firmware-repo:5693 on the simulated network, at the lab's bind
 * address and a free port on a real one; the URI given to the device names whatever address it got.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import { CoapEndpoint } from '../../../harness/coap/endpoint.ts';
import { endpointKey } from '../../../harness/net/transport.ts';
import type { IncomingRequest, OutgoingResponse } from '../../../harness/coap/api.ts';

export const PACKAGE_SERVER_HOST = 'firmware-repo';
export const PACKAGE_SERVER_PORT = 5693;

export interface PackageServer {
  /** coap:// URI of a path on this server (served or not). */
  uri(path: string): string;
  /** GET requests received, by path. */
  readonly requests: string[];
}

/** Starts the server with `files` (path -> content); inconclusive when the world cannot host it. */
export async function openPackageServer(ctx: ScenarioContext, files: ReadonlyMap<string, Buffer>): Promise<PackageServer> {
  const world = ctx.world;
  if (world.openService === undefined) return ctx.inconclusive('this lab cannot host a package server on the device\'s network, so the pull method cannot be offered');
  const transport = await world.openService({ address: PACKAGE_SERVER_HOST, port: PACKAGE_SERVER_PORT });
  const endpoint = new CoapEndpoint({ transport, clock: ctx.clock, random: ctx.world.random.fork(), trace: ctx.trace });
  const requests: string[] = [];
  endpoint.setRequestHandler((req: IncomingRequest): OutgoingResponse => {
    const path = `/${req.path.join('/')}`;
    requests.push(path);
    if (req.method !== 'GET') return { code: '4.05', operation: `package server ${req.method} ${path}` };
    const content = files.get(path);
    if (content === undefined) return { code: '4.04', operation: `package download ${path}` };
    return { code: '2.05', contentFormat: 42, payload: content, operation: `package download ${path}` };
  });
  ctx.defer(() => endpoint.close());
  const authority = endpointKey(transport.local);
  return { uri: (path) => `coap://${authority}${path.startsWith('/') ? path : `/${path}`}`, requests };
}
