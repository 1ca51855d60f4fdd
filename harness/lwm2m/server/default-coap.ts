import type { Clock } from '../../clock/clock.ts';
import { CoapEndpoint } from '../../coap/endpoint.ts';
import type { Trace } from '../../coap/trace.ts';
import type { DatagramTransport } from '../../net/transport.ts';
import type { Random } from '../../random.ts';
import type { CoapMessaging } from './coap-messaging.ts';

/** The harness's own CoAP layer on `transport`; its trace is the given one or a new one. */
export function createCoapMessaging(options: { transport: DatagramTransport; clock: Clock; random: Random; trace?: Trace }): {
  coap: CoapMessaging;
  trace: Trace;
} {
  const endpoint = new CoapEndpoint({
    transport: options.transport,
    clock: options.clock,
    random: options.random,
    ...(options.trace === undefined ? {} : { trace: options.trace }),
  });
  return { coap: endpoint, trace: endpoint.trace };
}

/** The CoAP layer a server runs on: the handed-in one (with the handed-in trace, if any), else the harness's own. */
export function serverCoap(options: { transport: DatagramTransport; clock: Clock; random: Random; trace?: Trace; coap?: CoapMessaging }): {
  coap: CoapMessaging;
  trace: Trace | undefined;
} {
  if (options.coap !== undefined) return { coap: options.coap, trace: options.trace };
  return createCoapMessaging({ ...options, random: options.random.fork() });
}
