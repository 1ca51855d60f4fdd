/**
 * DtlsClientTransport: the client side of DTLS 1.2 PSK over any DatagramTransport (tests, benchmarks and
 * possibly the emulated client). Unlike node-dtls-client it runs over the simulated network and retransmits
 * its flights on the injected clock.
 *
 *   const client = new DtlsClientTransport({ inner, clock, identity: 'dev1', key });
 *   const session = await client.connect(serverEndpoint);      // HandshakeFailedError on failure
 *   client.onMessage((plaintext, from) => ...); await client.send(plaintext, serverEndpoint);
 *   await client.connect(serverEndpoint, { resume: true });    // abbreviated handshake with the last session
 */
import { inspect } from 'node:util';
import type { Clock } from '../clock/clock.ts';
import { HandlerSet } from '../net/handlers.ts';
import type { DatagramHandler, DatagramTransport, Endpoint } from '../net/transport.ts';
import { endpointKey, sameEndpoint } from '../net/transport.ts';
import type { CipherSuite } from './ciphers/cipher.ts';
import type { CipherSuiteName } from './ciphers/suites.ts';
import { suitesByName } from './ciphers/suites.ts';
import type { ClientHandshakeResult } from './client-handshake.ts';
import { ClientHandshake } from './client-handshake.ts';
import { DtlsConnection } from './connection.ts';
import type { TransmitKind } from './connection.ts';
import { DtlsClosedError, HandshakeFailedError, NoSessionError } from './errors.ts';
import type { DropCounters, DropReason, DtlsEventHook, DtlsEventMap, DtlsEventName } from './events.ts';
import { alertEvent, DtlsEvents } from './events.ts';
import { parseDatagram } from './record.ts';
import { sendDatagrams } from './send-datagrams.ts';
import type { CachedSession } from './session-cache.ts';

export interface DtlsClientOptions {
  inner: DatagramTransport;
  clock: Clock;
  identity: string;
  key: Buffer;
  /** Offered in this order (default CCM_8, CBC_SHA256). */
  cipherSuites?: CipherSuiteName[];
  /** Offer the extended master secret (default true). */
  extendedMasterSecret?: boolean;
  maxDatagram?: number;
  maxTransmissions?: number;
  /** A faulty device that accepts replayed records (to prove SEC-002 checks can fail). */
  acceptReplays?: boolean;
  /** A faulty device that uses records whose MAC does not verify (to prove DI-001 checks can fail). */
  skipMacCheck?: boolean;
  /** A faulty device that completes the handshake without verifying the server's Finished (AT-001). */
  acceptAnyServerFinished?: boolean;
  onEvent?: DtlsEventHook;
}

export interface DtlsClientSession {
  server: Endpoint;
  cipherSuite: CipherSuiteName;
  resumed: boolean;
  extendedMasterSecret: boolean;
  identityHint: string | undefined;
}

export class DtlsClientTransport implements DatagramTransport {
  private readonly handlers = new HandlerSet();
  private readonly events: DtlsEvents;
  private readonly suites: readonly CipherSuite[];
  private readonly key: Buffer;
  private readonly stopInner: () => void;
  private server: Endpoint | undefined;
  private connection: DtlsConnection | undefined;
  private lastSession: CachedSession | undefined;
  private readonly dropCounts: DropCounters = {};
  private closed = false;

  constructor(private readonly options: DtlsClientOptions) {
    this.key = Buffer.from(options.key);
    this.events = new DtlsEvents(options.onEvent, (error) => this.handlers.reportError(error));
    this.suites = suitesByName(options.cipherSuites);
    this.stopInner = options.inner.onMessage((data, from) => this.receive(data, from));
  }

  get local(): Endpoint {
    return this.options.inner.local;
  }

  get established(): boolean {
    return this.connection?.established ?? false;
  }

  on<K extends DtlsEventName>(name: K, listener: (event: DtlsEventMap[K]) => void): () => void {
    return this.events.on(name, listener);
  }

  onMessage(handler: DatagramHandler): () => void {
    return this.handlers.add(handler);
  }

  onError(listener: (error: unknown) => void): () => void {
    return this.handlers.onError(listener);
  }

  dropped(): DropCounters {
    return { ...this.dropCounts };
  }

  /** Runs a handshake with server (ending any current session without an alert). */
  connect(server: Endpoint, options: { resume?: boolean } = {}): Promise<DtlsClientSession> {
    if (this.closed) return Promise.reject(new DtlsClosedError('connect'));
    this.connection?.end('reconnect');
    const peer = { ...server };
    this.server = peer;
    return new Promise<DtlsClientSession>((resolve, reject) => {
      let result: ClientHandshakeResult | undefined;
      const connection: DtlsConnection = new DtlsConnection({
        clock: this.options.clock,
        maxDatagram: this.options.maxDatagram,
        maxTransmissions: this.options.maxTransmissions,
        acceptReplays: this.options.acceptReplays,
        skipMacCheck: this.options.skipMacCheck,
        hooks: {
          transmit: (datagrams, kind) => this.transmit(datagrams, peer, kind),
          deliver: (data) => this.handlers.dispatch(data, peer),
          dropped: (reason, detail) => this.drop(peer, reason, detail),
          alert: (alert, direction) => this.events.emit('alert', alertEvent(peer, alert, direction)),
          ended: (reason) => {
            if (this.connection === connection) this.connection = undefined;
            if (result) {
              this.events.emit('sessionClosed', { peer, reason });
            } else {
              this.events.emit('handshakeFailed', { peer, reason });
              reject(new HandshakeFailedError(peer, reason));
            }
          },
        },
      });
      this.connection = connection;
      const handshake = new ClientHandshake(connection, {
        identity: this.options.identity, key: this.key, suites: this.suites,
        extendedMasterSecret: this.options.extendedMasterSecret,
        resume: options.resume ? this.lastSession : undefined,
        acceptAnyServerFinished: this.options.acceptAnyServerFinished,
      }, (done) => {
        result = done;
        if (done.session.sessionId.length > 0) this.lastSession = done.session;
        const cipherSuite = done.suite.name as CipherSuiteName;
        this.events.emit('handshakeComplete', { peer, identity: this.options.identity, cipherSuite, resumed: done.resumed, extendedMasterSecret: done.extendedMasterSecret });
        resolve({ server: peer, cipherSuite, resumed: done.resumed, extendedMasterSecret: done.extendedMasterSecret, identityHint: done.identityHint });
      });
      handshake.start();
    });
  }

  send(data: Buffer, to: Endpoint): Promise<void> {
    if (this.closed) return Promise.reject(new DtlsClosedError(`send to ${endpointKey(to)}`));
    if (!this.connection?.established || !this.server || !sameEndpoint(this.server, to)) return Promise.reject(new NoSessionError(to));
    return this.connection.sendApplicationData(data);
  }

  /** close_notify to the server, keeping the transport open for a later connect(). */
  async disconnect(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (connection?.established) await connection.close('closed-by-client');
    else connection?.end('closed-by-client');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.disconnect().catch(() => undefined);
    this.closed = true;
    this.stopInner();
    this.handlers.clear();
    await this.options.inner.close();
  }

  /** Printed forms show no keys or secrets (the whole object graph would reach the PSK store and master secrets). */
  [inspect.custom](): string {
    return `${this.constructor.name} ${JSON.stringify(this.toJSON())}`;
  }

  toJSON(): Record<string, unknown> {
    return { kind: 'DtlsClientTransport', identity: this.options.identity, key: '[redacted]', established: this.established };
  }

  private receive(data: Buffer, from: Endpoint): void {
    if (this.closed) return;
    if (!this.connection || !this.server || !sameEndpoint(from, this.server)) {
      this.drop(from, 'no-session', { bytes: data.length });
      return;
    }
    const parsed = parseDatagram(data);
    if (parsed.malformedTail > 0) this.drop(from, 'malformed', { trailingBytes: parsed.malformedTail });
    this.connection.receive(parsed.records);
  }

  private transmit(datagrams: Buffer[], to: Endpoint, kind: TransmitKind): Promise<void> {
    return sendDatagrams(this.options.inner, datagrams, to, kind, this.handlers);
  }

  private drop(peer: Endpoint, reason: DropReason, detail: Record<string, unknown>): void {
    this.dropCounts[reason] = (this.dropCounts[reason] ?? 0) + 1;
    this.events.emit('recordDropped', { peer: { ...peer }, reason, detail });
  }
}
