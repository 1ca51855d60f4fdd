import { isIP } from 'node:net';
import type { Clock } from '../clock/clock.ts';
import type { Random } from '../random.ts';
import type { HarnessError } from '../errors.ts';
import type { Endpoint } from './transport.ts';
import type { ShapingProfile } from './impairment.ts';
import { shape, type ShapedTransport } from './shaping.ts';
import { DatagramRelay } from './relay.ts';
import { UdpTransport } from './udp-transport.ts';

export interface UdpShapingProxyOptions {
  /** Where the board sends (configure it as the board's server address). Port 0 picks one. */
  listen: Endpoint;
  /** The reference server. */
  target: Endpoint;
  profile: ShapingProfile;
  clock: Clock;
  random: Random;
  /** Local address of the upstream sockets (default: the wildcard of the target's family). */
  upstreamAddress?: string;
  onError?: (error: HarnessError) => void;
}

export interface UdpShapingProxy {
  /** The board-facing shaper: setProfile, setBlackout, rebind, counters, onEvent. */
  shaper: ShapedTransport;
  relay: DatagramRelay;
  /** Where the board must send. */
  local: Endpoint;
  close(): Promise<void>;
}

/**
 * The shaper as an in-path UDP proxy in front of a real board (the lab's replacement for tc netem):
 * board <-> [listen, shaped] proxy [one upstream socket per board endpoint] <-> server.
 */
export async function openUdpShapingProxy(options: UdpShapingProxyOptions): Promise<UdpShapingProxy> {
  const listener = await UdpTransport.open(options.listen);
  const shaper = shape(listener, options.profile, { clock: options.clock, random: options.random });
  const upstreamAddress = options.upstreamAddress ?? (isIP(options.target.address) === 6 ? '::' : '0.0.0.0');
  const relay = new DatagramRelay({
    downstream: shaper,
    target: options.target,
    openUpstream: () => UdpTransport.open({ address: upstreamAddress, port: 0 }),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  return {
    shaper,
    relay,
    local: shaper.local,
    async close() {
      await relay.close();
      await shaper.close();
    },
  };
}
