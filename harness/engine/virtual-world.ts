/**
 * A fresh world on the virtual clock and the simulated network (DESIGN §3.1): the reference server at
 * coap://lwm2m-server:5683 (and on the simulated SMS bearer at SIM_SERVER_SMS_NUMBER), the bootstrap server
 * at coap://lwm2m-server:5783, and a device link that scenarios can impair. Everything is derived from one seed, so the same seed gives the same trace.
 */
import { VirtualClock } from '../clock/virtual-clock.ts';
import { Trace } from '../coap/trace.ts';
import { SimNetwork } from '../net/sim-network.ts';
import { BearerRouter } from '../net/sms/bearer-router.ts';
import { SmsCenter } from '../net/sms/sms-center.ts';
import { describeSmsEvent, type SmsEvent } from '../net/sms/sms-events.ts';
import { shape, type ShapedTransport } from '../net/shaping.ts';
import type { ShapingEvent } from '../net/shaping-events.ts';
import type { ShapingProfile } from '../net/impairment.ts';
import type { DatagramTransport, Endpoint } from '../net/transport.ts';
import { Random } from '../random.ts';
import { LwM2MServer } from '../lwm2m/server/lwm2m-server.ts';
import { BootstrapServer } from '../lwm2m/bootstrap/bootstrap-server.ts';
import type { BootstrapConfig } from '../lwm2m/bootstrap/bootstrap-config.ts';
import type { LabEvent } from './evidence.ts';
import type { LinkControl, World } from './world.ts';
import type { PskCredential } from './device.ts';
import { startSecureServer } from './secure-server.ts';
import { startSecureBootstrap } from './secure-bootstrap.ts';

export const SIM_SERVER_HOST = 'lwm2m-server';
export const SIM_SERVER_PORT = 5683;
export const SIM_BOOTSTRAP_PORT = 5783;
export const SIM_DEVICE_HOST = 'device';
/** The same reference server over DTLS with PSK (coaps). */
export const SIM_SECURE_PORT = 5684;
/** The bootstrap server over DTLS with PSK (coaps). */
export const SIM_SECURE_BOOTSTRAP_PORT = 5784;
/** The second LwM2M server for multi-server checks (AZ-033), and the Short Server IDs of both accounts. */
export const SIM_SERVER_2_HOST = 'lwm2m-server-2';
export const PRIMARY_SHORT_SERVER_ID = 101;
export const SECOND_SHORT_SERVER_ID = 102;
/** The reference server's MSISDN on the simulated SMS bearer (LwM2M Server SMS Number, /0/x/9). */
export const SIM_SERVER_SMS_NUMBER = '+15550005683';
/** Added to the seed for the SMS bearer's own Random, so that the main stream's draws stay what they were. */
const SMS_SEED_OFFSET = 0x534d53;

export interface VirtualWorldOptions {
  /** Impairment of the device's link from power-on (e.g. a lossy radio); scenarios may change it with shapeLink. */
  deviceLink?: ShapingProfile;
  seed: number;
  /** Bootstrap configuration for an endpoint (default: one NoSec account pointing at the reference server). */
  bootstrapConfig?: (endpoint: string) => BootstrapConfig | undefined;
  /** A device PSK the secure server knows from the start (the engine also adds the device's own PSK per scenario). */
  psk?: PskCredential;
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
  // The SMS bearer draws from a stream of its own (derived from the seed, not forked from `random`), so the
  // seeds of everything below and every existing trace stay exactly as they were before it existed.
  const sms = new SmsCenter({ clock, random: new Random((options.seed + SMS_SEED_OFFSET) >>> 0) });
  // Only the reference server listens on both bearers: UDP at lwm2m-server:5683 and SMS at its MSISDN.
  const serverTransport = new BearerRouter({ ip: network.bind(serverEndpoint), sms: sms.attach(SIM_SERVER_SMS_NUMBER) });
  const server = await LwM2MServer.start({ transport: serverTransport, clock, random: random.fork(), trace });
  const server2Endpoint: Endpoint = { address: SIM_SERVER_2_HOST, port: SIM_SERVER_PORT };
  const server2 = await LwM2MServer.start({ transport: network.bind(server2Endpoint), clock, random: random.fork(), trace });
  const additionalServers = [server2];
  const bootstrap = await BootstrapServer.start({
    transport: network.bind(bootstrapEndpoint),
    clock,
    random: random.fork(),
    trace,
    configs: options.bootstrapConfig ?? ((): BootstrapConfig => ({ servers: [{ serverUri, securityMode: 'nosec', shortServerId: 101, lifetime: 300 }] })),
  });

  const shapingEvents: LabEvent[] = [];
  // What became of each SMS (its 'sent' twin adds nothing) goes into the network evidence beside the shaping events.
  sms.onEvent((event) => {
    if (event.kind === 'message' || event.fate !== 'sent') shapingEvents.push({ time: event.time, event: smsLabEventName(event), detail: describeSmsEvent(event) });
  });
  let link: LinkControl | null = null;
  const deviceRandom = random.fork();
  const shapingRandom = random.fork();
  // Forked last, so the seeds of everything above stay what they were before the secure server existed.
  const secureEndpoint: Endpoint = { address: SIM_SERVER_HOST, port: SIM_SECURE_PORT };
  const secure = await startSecureServer({
    transport: network.bind(secureEndpoint), clock, random: random.fork(), trace,
    uri: `coaps://${SIM_SERVER_HOST}:${SIM_SECURE_PORT}`, shortServerId: PRIMARY_SHORT_SERVER_ID,
    ...(options.psk ? { psk: options.psk } : {}),
  });
  const secureBootstrap = await startSecureBootstrap({
    transport: network.bind({ address: SIM_SERVER_HOST, port: SIM_SECURE_BOOTSTRAP_PORT }), clock, random: random.fork(), trace,
    uri: `coaps://${SIM_SERVER_HOST}:${SIM_SECURE_BOOTSTRAP_PORT}`, server: secure.address,
  });
  const openTransport = async (local?: Partial<Endpoint>): Promise<DatagramTransport> => {
    const inner = network.bind({ address: local?.address ?? SIM_DEVICE_HOST, port: local?.port ?? 0 });
    const shaped: ShapedTransport = shape(inner, options.deviceLink ?? {}, { clock, random: shapingRandom });
    shaped.onEvent((event) => shapingEvents.push(toLabEvent(event)));
    link = { transport: shaped, setProfile: (profile) => shaped.setProfile(profile) };
    return shaped;
  };

  return {
    clock,
    random,
    trace,
    server,
    additionalServers,
    bootstrap,
    secure,
    secureBootstrap,
    sms: { serverNumber: SIM_SERVER_SMS_NUMBER, center: sms, server },
    env: {
      clock,
      server: { uri: serverUri, endpoint: serverEndpoint, shortServerId: PRIMARY_SHORT_SERVER_ID },
      additionalServers: [{ uri: `coap://${SIM_SERVER_2_HOST}:${SIM_SERVER_PORT}`, endpoint: server2Endpoint, shortServerId: SECOND_SHORT_SERVER_ID }],
      bootstrap: { uri: `coap://${SIM_SERVER_HOST}:${SIM_BOOTSTRAP_PORT}`, endpoint: bootstrapEndpoint },
      secureServer: secure.address,
      secureBootstrap: secureBootstrap.address,
      openTransport,
      sms: { serverNumber: SIM_SERVER_SMS_NUMBER, attach: (msisdn: string) => sms.attach(msisdn) },
      seed: deviceRandom.nextUint32(),
    },
    get link() {
      return link;
    },
    // Not through openTransport: a service is not the device, and must not become the shaped device link.
    openService: async (preferred) => network.bind(preferred),
    drive: (work, budgetMs) => clock.runUntil(work, { maxVirtualMs: budgetMs }),
    takeShapingEvents: () => shapingEvents.splice(0),
    close: async () => {
      try {
        await Promise.allSettled([server.close(), bootstrap.close(), ...additionalServers.map((s) => s.close()), secure.close(), secureBootstrap.close()]);
        await sms.close();
        await network.close();
      } finally {
        clock.uninstall();
      }
    },
  };
}

function smsLabEventName(event: SmsEvent): string {
  return event.kind === 'message' ? `sms message ${event.fate}` : `sms segment ${event.fate}`;
}

function toLabEvent(event: ShapingEvent): LabEvent {
  const detail = [event.direction, event.reason, event.peer ? `${event.peer.address}:${event.peer.port}` : undefined, event.size ? `${event.size} B` : undefined]
    .filter((part) => part !== undefined)
    .join(' ');
  return { time: event.time, event: event.kind, detail };
}
