import { RealClock } from '../../clock/real-clock.ts';
import { UdpTransport } from '../../net/udp-transport.ts';
import type { CipherSuiteName } from '../ciphers/suites.ts';
import { DtlsServerTransport } from '../dtls-server-transport.ts';
import type { DtlsEventMap, DtlsEventName } from '../events.ts';
import { PskStore } from '../psk-store.ts';
import { serveCoap } from './coap-responder.ts';

/** libcoap 4.3.1's -k takes the key as text, so interop keys are printable. */
export const INTEROP_IDENTITY = 'lwm2m-hil-client';
export const INTEROP_KEY = 'interop-psk-0123';

export interface UdpDtlsServer {
  server: DtlsServerTransport;
  port: number;
  events: Array<{ name: DtlsEventName; event: DtlsEventMap[DtlsEventName] }>;
  close(): Promise<void>;
}

/** A DTLS server on 127.0.0.1 (ephemeral port) with a CoAP responder answering "hello <path>". */
export async function udpDtlsServer(options: { suites?: CipherSuiteName[]; identityHint?: string } = {}): Promise<UdpDtlsServer> {
  const inner = await UdpTransport.open({ address: '127.0.0.1', port: 0 });
  const events: UdpDtlsServer['events'] = [];
  const server = new DtlsServerTransport({
    inner,
    clock: new RealClock(),
    credentials: new PskStore([[INTEROP_IDENTITY, Buffer.from(INTEROP_KEY, 'utf8')]]),
    cipherSuites: options.suites,
    identityHint: options.identityHint,
    onEvent: (name, event) => events.push({ name, event }),
  });
  serveCoap(server, (path) => `hello ${path}`);
  return { server, port: inner.local.port, events, close: () => server.close() };
}
