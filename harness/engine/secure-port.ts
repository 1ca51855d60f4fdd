/**
 * A DTLS 1.2 PSK port of the world (the secure server's, the secure bootstrap server's): the DTLS server over a
 * wire tap of the transport, and how a device's PSK is let in (the key is masked in the trace first).
 */
import type { Clock } from '../clock/clock.ts';
import type { Trace } from '../coap/trace.ts';
import { DtlsServerTransport } from '../dtls/dtls-server-transport.ts';
import { PskStore } from '../dtls/psk-store.ts';
import type { DatagramTransport } from '../net/transport.ts';
import type { PskCredential } from './device.ts';
import { WireTap } from './wire-tap.ts';

export interface SecurePort {
  readonly dtls: DtlsServerTransport;
  /** Every datagram at the port, encrypted as on the network. */
  readonly wire: WireTap;
  /** Lets a device's PSK in; the key (raw and as hex) never shows in the trace's printed forms. */
  admit(credential: PskCredential): void;
}

export function openSecurePort(transport: DatagramTransport, clock: Clock, trace: Trace): SecurePort {
  const credentials = new PskStore();
  const wire = new WireTap(transport, clock);
  const dtls = new DtlsServerTransport({ inner: wire, credentials, clock });
  return {
    dtls,
    wire,
    admit: (credential) => {
      trace.addSecret(credential.key);
      trace.addSecret(credential.key.toString('hex'));
      credentials.set(credential.identity, credential.key);
    },
  };
}
