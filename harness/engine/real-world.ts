/**
 * A world on the wall clock and real UDP, for devices outside the process (a native client, a board):
 * the reference server at coap://HOST:PORT, the bootstrap server at HOST:PORT+100 (configurable), and when
 * the device has a PSK a DTLS server at HOST:PORT+1 and a DTLS bootstrap server one above the bootstrap port, and optionally an in-path UDP shaping proxy so that
 * `ctx.shapeLink` works for a device the harness does not host.
 *
 * Trade-off: the runner makes one world per scenario. A real world is cheap (a few sockets bound to the same
 * fixed ports every time, released by close()), and a fresh one keeps each scenario's trace and registrations
 * its own. The cost is that the device must register again in every scenario; the engine power-cycles it per
 * scenario anyway (start before, stop after), so nothing is lost but the boot time, which real devices pay.
 */
import { RealClock } from '../clock/real-clock.ts';
import { Trace } from '../coap/trace.ts';
import { HarnessError } from '../errors.ts';
import type { ShapingEvent } from '../net/shaping-events.ts';
import type { ShapingProfile } from '../net/impairment.ts';
import { coapUri, type DatagramTransport, type Endpoint } from '../net/transport.ts';
import { openUdpShapingProxy, type UdpShapingProxy } from '../net/udp-shaping-proxy.ts';
import { UdpTransport } from '../net/udp-transport.ts';
import { Random } from '../random.ts';
import { LwM2MServer } from '../lwm2m/server/lwm2m-server.ts';
import { BootstrapServer } from '../lwm2m/bootstrap/bootstrap-server.ts';
import type { BootstrapConfig } from '../lwm2m/bootstrap/bootstrap-config.ts';
import type { DeviceEnvironment, PskCredential, ServerAddress } from './device.ts';
import { startSecureServer, type SecureServer } from './secure-server.ts';
import { startSecureBootstrap, type SecureBootstrapServer } from './secure-bootstrap.ts';
import type { LabEvent } from './evidence.ts';
import type { LinkControl, World } from './world.ts';

export const DEFAULT_REAL_BIND = { host: '127.0.0.1', port: 5683 } as const;
/** The bootstrap server listens this many ports above the server unless told otherwise. */
export const BOOTSTRAP_PORT_OFFSET = 100;
/** The DTLS (coaps) server listens one port above the plain server. */
export const SECURE_PORT_OFFSET = 1;
/** The second plain LwM2M server (multi-server checks) listens two ports above the plain server. */
export const SECOND_SERVER_PORT_OFFSET = 2;
/** Short Server IDs of the primary account (as the bootstrap server provisions it) and of the second server. */
const PRIMARY_SHORT_SERVER_ID = 101;
const SECOND_SHORT_SERVER_ID = 102;

export interface RealWorldOptions {
  seed: number;
  /** Where the reference server listens (port 0 picks a free one: fine for process DUTs started per scenario). */
  bind: { host: string; port: number };
  /** Bootstrap server port (default bind.port + 100; 0 when bind.port is 0). */
  bootstrapPort?: number;
  /** The device's PSK: a coaps server on bind.port + 1 (0 when bind.port is 0) accepts it. */
  psk?: PskCredential;
  /** An in-path shaping proxy between the device and the reference server; the device is given its address. */
  link?: { host?: string; port: number };
  /**
   * Which server the proxy fronts: the plain one (default), or the coaps one for a device that speaks DTLS only
   * (its records pass the proxy unread; env.secureServer then names the proxy).
   */
  linkTo?: 'server' | 'secure';
  /**
   * A second plain LwM2M server (Short Server ID 102) on bind.port + 2 (a free port when bind.port is 0), for
   * the multi-server checks (AZ-033) of a device that can be given a second account (the emulated client).
   */
  secondServer?: boolean;
  /** Per-operation answer timeout of the servers (default: theirs, 93 s). */
  operationTimeoutMs?: number;
  bootstrapConfig?: (endpoint: string) => BootstrapConfig | undefined;
}

/** drive() ran out of its wall-clock budget with the work still pending. */
export class RealTimeBudgetError extends HarnessError {
  constructor(budgetMs: number) {
    super(`the scenario did not finish within its budget of ${budgetMs} ms (real clock)`, { origin: 'harness', context: { budgetMs } });
  }
}

export async function createRealWorld(options: RealWorldOptions): Promise<World> {
  const opened: Array<{ close(): Promise<void> | void }> = [];
  try {
    return await buildWorld(options, opened);
  } catch (error) {
    for (const thing of opened.reverse()) await Promise.resolve(thing.close()).catch(() => undefined);
    throw error;
  }
}

async function buildWorld(options: RealWorldOptions, opened: Array<{ close(): Promise<void> | void }>): Promise<World> {
  const clock = new RealClock();
  const random = new Random(options.seed);
  const trace = new Trace({ startTime: clock.now() });
  if (options.psk) trace.addSecret(options.psk.key);
  const host = options.bind.host;
  const offset = (delta: number): number => (options.bind.port === 0 ? 0 : options.bind.port + delta);
  const timeouts = options.operationTimeoutMs === undefined ? {} : { operationTimeoutMs: options.operationTimeoutMs };

  const serverTransport = await open(opened, { address: host, port: options.bind.port });
  const bootstrapTransport = await open(opened, { address: host, port: options.bootstrapPort ?? offset(BOOTSTRAP_PORT_OFFSET) });
  const serverEndpoint = serverTransport.local;
  const serverUri = coapUri('coap', serverEndpoint);
  // Where bootstrap sends the device: the proxy when there is one (read at bootstrap time, once it exists).
  let deviceServerUri = serverUri;

  const server = await LwM2MServer.start({ transport: serverTransport, clock, random: random.fork(), trace, ...timeouts });
  opened.push(server);
  const bootstrap = await BootstrapServer.start({
    transport: bootstrapTransport,
    clock,
    random: random.fork(),
    trace,
    ...timeouts,
    configs: options.bootstrapConfig ?? ((): BootstrapConfig => ({ servers: [{ serverUri: deviceServerUri, securityMode: 'nosec', shortServerId: 101, lifetime: 300 }] })),
  });
  opened.push(bootstrap);

  let secure: SecureServer | null = null;
  let secureBootstrap: SecureBootstrapServer | null = null;
  if (options.psk) {
    const inner = await open(opened, { address: host, port: offset(SECURE_PORT_OFFSET) });
    secure = await startSecureServer({ transport: inner, clock, random: random.fork(), trace, uri: coapUri('coaps', inner.local), shortServerId: 101, psk: options.psk, ...timeouts });
    opened.push(secure);
    const bootstrapInner = await open(opened, { address: host, port: options.bootstrapPort !== undefined ? (options.bootstrapPort === 0 ? 0 : options.bootstrapPort + SECURE_PORT_OFFSET) : offset(BOOTSTRAP_PORT_OFFSET + SECURE_PORT_OFFSET) });
    secureBootstrap = await startSecureBootstrap({ transport: bootstrapInner, clock, random: random.fork(), trace, uri: coapUri('coaps', bootstrapInner.local), server: secure.address, ...timeouts });
    opened.push(secureBootstrap);
  }

  let second: { server: LwM2MServer; address: ServerAddress } | undefined;
  if (options.secondServer) {
    const transport = await open(opened, { address: host, port: offset(SECOND_SERVER_PORT_OFFSET) });
    const server2 = await LwM2MServer.start({ transport, clock, random: random.fork(), trace, ...timeouts });
    opened.push(server2);
    second = { server: server2, address: { uri: coapUri('coap', transport.local), endpoint: transport.local, shortServerId: SECOND_SHORT_SERVER_ID } };
  }

  const shapingEvents: LabEvent[] = [];
  let proxy: UdpShapingProxy | undefined;
  const linkToSecure = options.linkTo === 'secure' && secure !== null;
  if (options.link) {
    proxy = await openUdpShapingProxy({
      listen: { address: options.link.host ?? host, port: options.link.port },
      target: linkToSecure && secure ? secure.address.endpoint : serverEndpoint,
      profile: {},
      clock,
      random: random.fork(),
    });
    opened.push(proxy);
    proxy.shaper.onEvent((event) => shapingEvents.push(toLabEvent({ ...event, direction: swapDirection(event.direction) })));
  }
  // The proxy's shaper faces the device, so its inbound is the device's outbound: scenarios speak as the device.
  const link: LinkControl | null = proxy ? { transport: proxy.shaper, setProfile: (profile) => proxy.shaper.setProfile(asSeenByProxy(profile)) } : null;
  // The device talks to the proxy when there is one: that is what puts the harness in its path.
  const deviceSideServer: ServerAddress = proxy && !linkToSecure
    ? { uri: coapUri('coap', proxy.local), endpoint: proxy.local, shortServerId: PRIMARY_SHORT_SERVER_ID }
    : { uri: serverUri, endpoint: serverEndpoint, shortServerId: PRIMARY_SHORT_SERVER_ID };
  const deviceSideSecure: ServerAddress | undefined = secure && proxy && linkToSecure ? { ...secure.address, uri: coapUri('coaps', proxy.local), endpoint: proxy.local } : secure?.address;
  deviceServerUri = deviceSideServer.uri;

  const env: DeviceEnvironment = {
    clock,
    server: deviceSideServer,
    bootstrap: { uri: coapUri('coap', bootstrapTransport.local), endpoint: bootstrapTransport.local },
    ...(deviceSideSecure ? { secureServer: deviceSideSecure } : {}),
    ...(secureBootstrap ? { secureBootstrap: secureBootstrap.address } : {}),
    ...(second ? { additionalServers: [second.address] } : {}),
    seed: random.fork().nextUint32(),
  };

  let closed = false;
  return {
    clock,
    random,
    trace,
    server,
    // Multi-server checks need a device that can be given a second account (RealWorldOptions.secondServer).
    additionalServers: second ? [second.server] : [],
    bootstrap,
    secure,
    secureBootstrap,
    env,
    link,
    // Beside the servers, on a free port: a fixed preferred port could be taken on a lab host.
    openService: async () => open(opened, { address: host, port: 0 }),
    drive: (work, budgetMs) => raceBudget(clock, work, budgetMs),
    takeShapingEvents: () => shapingEvents.splice(0),
    close: async () => {
      if (closed) return;
      closed = true;
      // Last opened first: the proxy, then the servers, then their sockets (close() frees the fixed ports).
      for (const thing of opened.reverse()) await Promise.resolve(thing.close()).catch(() => undefined);
    },
  };
}

async function open(opened: Array<{ close(): Promise<void> | void }>, bind: Endpoint): Promise<DatagramTransport> {
  const transport = await UdpTransport.open(bind);
  opened.push(transport);
  return transport;
}

function raceBudget<T>(clock: RealClock, work: Promise<T>, budgetMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new RealTimeBudgetError(budgetMs)), budgetMs);
    work.then(
      (value) => {
        timer.cancel();
        resolve(value);
      },
      (error: unknown) => {
        timer.cancel();
        reject(error);
      },
    );
  });
}


/** A profile written from the device's side, as the proxy's device-facing shaper must apply it. */
export function asSeenByProxy(profile: ShapingProfile): ShapingProfile {
  const { inbound, outbound, ...rest } = profile;
  return { ...rest, ...(inbound ? { outbound: inbound } : {}), ...(outbound ? { inbound: outbound } : {}) };
}

function swapDirection<D extends string | undefined>(direction: D): D {
  return (direction === 'inbound' ? 'outbound' : direction === 'outbound' ? 'inbound' : direction) as D;
}

function toLabEvent(event: ShapingEvent): LabEvent {
  const detail = [event.direction, event.reason, event.peer ? `${event.peer.address}:${event.peer.port}` : undefined, event.size ? `${event.size} B` : undefined]
    .filter((part) => part !== undefined)
    .join(' ');
  return { time: event.time, event: event.kind, detail };
}
