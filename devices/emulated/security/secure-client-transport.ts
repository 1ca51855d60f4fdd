/**
 * The emulated client's DTLS: a DatagramTransport that node-coap (through the DatagramSocketAdapter) writes
 * plaintext CoAP to, and that carries it in a DTLS 1.2 PSK session with the server.
 *
 * Independence gap (DESIGN §3.4 wants the emulated client's DTLS independent of the server's): node-dtls-client
 * 2.0.3 opens its own UDP socket, so it cannot run on the simulated network, and it does not retransmit lost
 * handshake flights. So in-process (virtual clock) this wraps harness/dtls's DtlsClientTransport, which shares
 * the record layer, the ciphers and the key schedule with the reference server: a bug symmetric in both would
 * pass unseen here. The standalone `lwm2m-hil client` over real UDP uses node-dtls-client instead
 * (node-dtls-session.ts), and the server side is pinned against independent peers (libcoap and
 * node-dtls-client interop tests in harness/dtls/). The security faults act on this transport only.
 *
 * The session is set up on the first datagram toward the server (as an LwM2M client does before its Register)
 * and again after it ended; a handshake that fails rejects that send, so the Register fails and the client
 * retries later. Datagrams to other peers (a firmware download from a coap:// URI) go out in clear.
 */
import { inspect } from 'node:util';
import type { Clock } from '../../../harness/clock/clock.ts';
import { DtlsClientTransport } from '../../../harness/dtls/dtls-client-transport.ts';
import type { PskCredential } from '../../../harness/engine/device.ts';
import type { DatagramHandler, DatagramTransport, Endpoint } from '../../../harness/net/transport.ts';
import { sameEndpoint } from '../../../harness/net/transport.ts';
import { HandlerSet } from '../../../harness/net/handlers.ts';

/** Deviations a fault profile can switch on (security faults of the catalogue). */
export interface SecureClientFaults {
  /** No replay window (SEC-002). */
  acceptReplays?: boolean;
  /** Records whose MAC does not verify are used anyway (DI-001). */
  skipMacCheck?: boolean;
  /** The server's Finished is not verified: any key is accepted (AT-001). */
  acceptAnyServerKey?: boolean;
  /** Each Register/Update also leaves in clear beside its protected copy (CF-001). */
  plaintextCopies?: boolean;
}

export interface SecureClientOptions {
  inner: DatagramTransport;
  clock: Clock;
  server: Endpoint;
  psk: PskCredential;
  faults?: SecureClientFaults;
  /** Handshake outcomes, for the device's console lines (never the key). */
  onEvent?(line: string): void;
}

const COAP_POST = 0x02;

export class SecureClientTransport implements DatagramTransport {
  private readonly dtls: DtlsClientTransport;
  private readonly handlers = new HandlerSet();
  private readonly stopDtls: () => void;
  private readonly stopInner: () => void;
  private connecting: Promise<void> | undefined;

  constructor(private readonly options: SecureClientOptions) {
    const faults = options.faults ?? {};
    this.dtls = new DtlsClientTransport({
      inner: options.inner,
      clock: options.clock,
      identity: options.psk.identity,
      key: options.psk.key,
      ...(faults.acceptReplays ? { acceptReplays: true } : {}),
      ...(faults.skipMacCheck ? { skipMacCheck: true } : {}),
      ...(faults.acceptAnyServerKey ? { acceptAnyServerFinished: true } : {}),
    });
    this.dtls.on('handshakeComplete', (e) => options.onEvent?.(`dtls handshake complete ${e.cipherSuite}${e.resumed ? ' (resumed)' : ''}`));
    this.dtls.on('handshakeFailed', (e) => options.onEvent?.(`dtls handshake failed: ${e.reason}`));
    this.dtls.on('recordDropped', (e) => options.onEvent?.(`dtls record dropped: ${e.reason}`));
    this.dtls.on('sessionClosed', (e) => options.onEvent?.(`dtls session closed: ${e.reason}`));
    // A lost flight is retransmitted and a failed handshake rejects its send: nothing else to do with errors here.
    this.dtls.onError((error) => options.onEvent?.(`dtls error: ${error instanceof Error ? error.message : String(error)}`));
    this.stopDtls = this.dtls.onMessage((data, from) => this.handlers.dispatch(data, from));
    // Plain datagrams from other peers (a download server) bypass DTLS; the server's come through the session.
    this.stopInner = options.inner.onMessage((data, from) => {
      if (!sameEndpoint(from, options.server)) this.handlers.dispatch(data, from);
    });
  }

  get local(): Endpoint {
    return this.options.inner.local;
  }

  onMessage(handler: DatagramHandler): () => void {
    return this.handlers.add(handler);
  }

  async send(data: Buffer, to: Endpoint): Promise<void> {
    if (!sameEndpoint(to, this.options.server)) return this.options.inner.send(data, to);
    if (!this.dtls.established) await this.connect();
    await this.dtls.send(data, to);
    if (this.options.faults?.plaintextCopies && data[1] === COAP_POST) await this.options.inner.send(data, to);
  }

  async close(): Promise<void> {
    this.stopDtls();
    this.stopInner();
    this.handlers.clear();
    await this.dtls.close(); // closes the inner transport too
  }

  /** Printed forms show the identity only, never the key. */
  [inspect.custom](): string {
    return `SecureClientTransport ${JSON.stringify(this.toJSON())}`;
  }

  toJSON(): Record<string, unknown> {
    return { kind: 'SecureClientTransport', identity: this.options.psk.identity, key: '[redacted]', established: this.dtls.established };
  }

  private connect(): Promise<void> {
    this.connecting ??= this.dtls.connect(this.options.server).then(
      () => {
        this.connecting = undefined;
      },
      (error: unknown) => {
        this.connecting = undefined;
        throw error;
      },
    );
    return this.connecting;
  }
}
