/**
 * Which transport the emulated device talks to its server through: plain CoAP for a coap:// account, the
 * DTLS PSK session (secure-client-transport.ts) for a coaps:// one. The security faults of the catalogue act
 * here: nosec-only ignores the coaps account's security and sends plain CoAP to it; the others weaken DTLS.
 */
import type { Clock } from '../../../harness/clock/clock.ts';
import type { PskCredential } from '../../../harness/engine/device.ts';
import { InputError } from '../../../harness/errors.ts';
import type { DatagramTransport, Endpoint } from '../../../harness/net/transport.ts';
import { FaultHook, type FaultSet } from '../faults.ts';
import { SecureClientTransport } from './secure-client-transport.ts';

export type ServerScheme = 'coap' | 'coaps';

/** The scheme of a server URI; anything but coap:// and coaps:// is an InputError. */
export function serverScheme(uri: string): ServerScheme {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new InputError(`not a server URI: '${uri}'`, { uri });
  }
  if (url.protocol === 'coap:') return 'coap';
  if (url.protocol === 'coaps:') return 'coaps';
  throw new InputError(`only coap:// and coaps:// server URIs are supported by the emulated client: '${uri}'`, { uri });
}

export interface ServerTransportOptions {
  plain: DatagramTransport;
  server: { uri: string; endpoint: Endpoint };
  clock: Clock;
  /** Undefined for a NoSec-only device. */
  psk: PskCredential | undefined;
  faults: FaultSet;
  onEvent?(line: string): void;
}

export function serverTransport(options: ServerTransportOptions): DatagramTransport {
  if (serverScheme(options.server.uri) === 'coap' || options.faults.has(FaultHook.NOSEC_ONLY)) return options.plain;
  if (!options.psk) {
    throw new InputError(`coaps:// needs DTLS with a PSK, and this emulated device is configured NoSec: '${options.server.uri}'`, { uri: options.server.uri });
  }
  return new SecureClientTransport({
    inner: options.plain,
    clock: options.clock,
    server: options.server.endpoint,
    psk: options.psk,
    faults: {
      acceptReplays: options.faults.has(FaultHook.ACCEPTS_REPLAYED_RECORD),
      skipMacCheck: options.faults.has(FaultHook.SKIPS_MAC_CHECK),
      acceptAnyServerKey: options.faults.has(FaultHook.ACCEPTS_ANY_SERVER_KEY),
      plaintextCopies: options.faults.has(FaultHook.PLAINTEXT_AFTER_HANDSHAKE),
    },
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
}
