/**
 * A fresh world on the virtual clock and the simulated network (DESIGN §3.1): the reference server at
 * coap://lwm2m-server:5683, the bootstrap server at coap://lwm2m-server:5783, and a device link that
 * scenarios can impair. Everything is derived from one seed, so the same seed gives the same trace.
 */
import { VirtualClock } from '../clock/virtual-clock.ts';
import { Trace } from '../coap/trace.ts';
import { SimNetwork } from '../net/sim-network.ts';
import { shape, type ShapedTransport } from '../net/shaping.ts';
import type { ShapingEvent } from '../net/shaping-events.ts';
import type { DatagramTransport, Endpoint } from '../net/transport.ts';
import { Random } from '../random.ts';
import { LwM2MServer } from '../lwm2m/server/lwm2m-server.ts';
import { BootstrapServer } from '../lwm2m/bootstrap/bootstrap-server.ts';
import type { BootstrapConfig } from '../lwm2m/bootstrap/bootstrap-config.ts';
import type { LabEvent } from './evidence.ts';
import type { LinkControl, World } from './world.ts';

export const SIM_SERVER_HOST = 'lwm2m-server';
export const SIM_SERVER_PORT = 5683;
export const SIM_BOOTSTRAP_PORT = 5783;
export const SIM_DEVICE_HOST = 'device';

export interface VirtualWorldOptions {
  seed: number;
  /** Bootstrap configuration for an endpoint (default: one NoSec account pointing at the reference server). */
  bootstrapConfig?: (endpoint: string) => BootstrapConfig | undefined;
}

export async function createVirtualWorld(options: VirtualWorldOptions): Promise<World> {
  const clock = new VirtualClock({ installGlobally: true });
  try {
    return await buildWorld(clock, options);
  } catch (error) {
    clock.uninstall();
    throw error;
  }
}

async function buildWorld(clock: VirtualClock, options: VirtualWorldOptions): Promise<World> {
  const random = new Random(options.seed);
  const network = new SimNetwork({ clock, random: random.fork() });
  const trace = new Trace({ startTime: clock.now() });
  const serverEndpoint: Endpoint = { address: SIM_SERVER_HOST, port: SIM_SERVER_PORT };
  const bootstrapEndpoint: Endpoint = { address: SIM_SERVER_HOST, port: SIM_BOOTSTRAP_PORT };
  const serverUri = `coap://${SIM_SERVER_HOST}:${SIM_SERVER_PORT}`;
  const server = await LwM2MServer.start({ transport: network.bind(serverEndpoint), clock, random: random.fork(), trace });
  const bootstrap = await BootstrapServer.start({
    transport: network.bind(bootstrapEndpoint),
    clock,
    random: random.fork(),
    trace,
    configs: options.bootstrapConfig ?? ((): BootstrapConfig => ({ servers: [{ serverUri, securityMode: 'nosec', shortServerId: 101, lifetime: 300 }] })),
  });

  const shapingEvents: LabEvent[] = [];
  let link: LinkControl | null = null;
  const deviceRandom = random.fork();
  const shapingRandom = random.fork();
  const openTransport = async (local?: Partial<Endpoint>): Promise<DatagramTransport> => {
    const inner = network.bind({ address: local?.address ?? SIM_DEVICE_HOST, port: local?.port ?? 0 });
    const shaped: ShapedTransport = shape(inner, {}, { clock, random: shapingRandom });
    shaped.onEvent((event) => shapingEvents.push(toLabEvent(event)));
    link = { transport: shaped, setProfile: (profile) => shaped.setProfile(profile) };
    return shaped;
  };

  return {
    clock,
    random,
    trace,
    server,
    bootstrap,
    env: {
      clock,
      server: { uri: serverUri, endpoint: serverEndpoint },
      bootstrap: { uri: `coap://${SIM_SERVER_HOST}:${SIM_BOOTSTRAP_PORT}`, endpoint: bootstrapEndpoint },
      openTransport,
      seed: deviceRandom.nextUint32(),
    },
    get link() {
      return link;
    },
    drive: (work, budgetMs) => clock.runUntil(work, { maxVirtualMs: budgetMs }),
    takeShapingEvents: () => shapingEvents.splice(0),
    close: async () => {
      try {
        await Promise.allSettled([server.close(), bootstrap.close()]);
        await network.close();
      } finally {
        clock.uninstall();
      }
    },
  };
}

function toLabEvent(event: ShapingEvent): LabEvent {
  const detail = [event.direction, event.reason, event.peer ? `${event.peer.address}:${event.peer.port}` : undefined, event.size ? `${event.size} B` : undefined]
    .filter((part) => part !== undefined)
    .join(' ');
  return { time: event.time, event: event.kind, detail };
}
