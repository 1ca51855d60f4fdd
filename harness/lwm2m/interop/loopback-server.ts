import { RealClock } from '../../clock/real-clock.ts';
import { UdpTransport } from '../../net/udp-transport.ts';
import { Random } from '../../random.ts';
import { LwM2MServer } from '../server/lwm2m-server.ts';

/** The reference server on real UDP, 127.0.0.1 and an ephemeral port, with the real clock (interop tests). */
export async function startLoopbackServer(seed = 1): Promise<{ server: LwM2MServer; port: number; close(): Promise<void> }> {
  const transport = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  // Short operation timeouts: a third-party client that never answers fails the test quickly, not in 93 s.
  const server = await LwM2MServer.start({ transport, clock: new RealClock(), random: new Random(seed), operationTimeoutMs: 10_000 });
  return {
    server,
    port: transport.local.port,
    close: async () => {
      await server.close();
      await transport.close();
    },
  };
}
