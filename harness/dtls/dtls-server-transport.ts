/**
 * DtlsServerTransport: a DTLS 1.2 PSK server as a DatagramTransport decorator (DESIGN §3.5).
 *
 *   const dtls = new DtlsServerTransport({ inner: await UdpTransport.open({ address: '127.0.0.1', port: 5684 }),
 *                                          credentials: new PskStore([['dev1', '000102...']]), clock });
 *   dtls.onMessage((plaintext, peer) => ...);        // decrypted application data, with the peer endpoint
 *   await dtls.send(plaintext, peer);                // encrypted for that peer's session (NoSessionError if none)
 *   dtls.on('handshakeComplete', ({ peer, identity, cipherSuite, resumed }) => ...);
 *   dtls.on('handshakeFailed', ({ peer, reason }) => ...);   // reason e.g. 'unknown-psk-identity', 'bad-finished'
 *   dtls.on('recordDropped', ({ peer, reason }) => ...);     // bad-mac, replayed, unknown-epoch, no-session, ...
 *   dtls.on('alert', ...); dtls.on('sessionClosed', ...);
 *   dtls.sessionFor(peer)  -> { peer, identity, cipherSuite, resumed, extendedMasterSecret, establishedAt } | undefined
 *   dtls.closeSession(peer) sends close_notify; dtls.close() closes every session and the inner transport.
 *   dtls.faults            -> record-level fault injection (faults.ts): replay, bit flips, dropped flights, wrong key.
 *   dtls.stats()           -> handshake and drop counters.
 *
 * Suites: TLS_PSK_WITH_AES_128_CCM_8 (preferred) and TLS_PSK_WITH_AES_128_CBC_SHA256. Every new handshake
 * goes through a stateless cookie exchange; extended master secret and renegotiation_info are answered when
 * offered; sessions are resumable by session id. One session per peer address: a new ClientHello with a
 * valid cookie replaces the old session. Keys never appear in events, errors or printed forms.
 * Limitation: a ClientHello must fit in one record (true of every PSK client seen).
 */
import { inspect } from 'node:util';
import type { Clock } from '../clock/clock.ts';
import { HandlerSet } from '../net/handlers.ts';
import type { DatagramHandler, DatagramTransport, Endpoint } from '../net/transport.ts';
import { endpointKey } from '../net/transport.ts';
import type { CipherSuite } from './ciphers/cipher.ts';
import type { CipherSuiteName } from './ciphers/suites.ts';
import { suitesByName } from './ciphers/suites.ts';
import { ContentType, DTLS_1_0, HandshakeType } from './constants.ts';
import { DtlsConnection } from './connection.ts';
import type { TransmitKind } from './connection.ts';
import { CookieJar } from './cookie.ts';
import { DtlsClosedError, NoSessionError } from './errors.ts';
import type { DropCounters, DropReason, DtlsEventHook, DtlsEventMap, DtlsEventName } from './events.ts';
import { alertEvent, DtlsEvents } from './events.ts';
import { DtlsFaults } from './faults.ts';
import { encodeWhole, parseFragments } from './handshake-fragments.ts';
import type { ClientHello } from './messages.ts';
import { encodeHelloVerifyRequest, parseClientHello } from './messages.ts';
import type { CredentialStore } from './psk-store.ts';
import type { DtlsRecord } from './record.ts';
import { encodeRecord, parseDatagram } from './record.ts';
import { sendDatagrams } from './send-datagrams.ts';
import { ServerHandshake } from './server-handshake.ts';
import type { ServerHandshakeResult } from './server-handshake.ts';
import { SessionCache } from './session-cache.ts';

export interface DtlsServerOptions {
  /** The datagram transport underneath (real UDP or the simulated network); owned: close() closes it. */
  inner: DatagramTransport;
  credentials: CredentialStore;
  /** Retransmission timers and cookie rotation run on this clock. */
  clock: Clock;
  /** Sent in a ServerKeyExchange when set. */
  identityHint?: string;
  /** Suites in order of preference (default: CCM_8, then CBC_SHA256). */
  cipherSuites?: CipherSuiteName[];
  /** Offer session resumption by session id (default true). */
  sessionResumption?: boolean;
  /** Largest datagram sent (default 1200). */
  maxDatagram?: number;
  /** Sees every event (the harness trace). */
  onEvent?: DtlsEventHook;
  /** Protected records remembered per peer for replay (default 64). */
  recordHistory?: number;
  /** Transmissions of a flight before a handshake is abandoned (default 7). */
  maxTransmissions?: number;
}

export interface DtlsSessionInfo {
  peer: Endpoint;
  identity: string;
  cipherSuite: CipherSuiteName;
  resumed: boolean;
  extendedMasterSecret: boolean;
  /** Clock time the handshake completed. */
  establishedAt: number;
}

export interface DtlsServerStats {
  helloVerifyRequests: number;
  handshakesStarted: number;
  handshakesCompleted: number;
  handshakesFailed: number;
  sessions: number;
  dropped: DropCounters;
}

interface Peer {
  endpoint: Endpoint;
  connection: DtlsConnection;
  handshake: ServerHandshake;
  info?: DtlsSessionInfo;
}

export class DtlsServerTransport implements DatagramTransport {
  readonly faults: DtlsFaults;
  private readonly inner: DatagramTransport;
  private readonly clock: Clock;
  private readonly handlers = new HandlerSet();
  private readonly events: DtlsEvents;
  private readonly peers = new Map<string, Peer>();
  private readonly cookies: CookieJar;
  private readonly suites: readonly CipherSuite[];
  private readonly sessionCache: SessionCache | undefined;
  private readonly stopInner: () => void;
  private readonly counters: Omit<DtlsServerStats, 'sessions' | 'dropped'> = { helloVerifyRequests: 0, handshakesStarted: 0, handshakesCompleted: 0, handshakesFailed: 0 };
  private readonly dropCounts: DropCounters = {};
  private closed = false;

  constructor(private readonly options: DtlsServerOptions) {
    this.inner = options.inner;
    this.clock = options.clock;
    this.events = new DtlsEvents(options.onEvent, (error) => this.handlers.reportError(error));
    this.cookies = new CookieJar(options.clock);
    this.suites = suitesByName(options.cipherSuites);
    this.sessionCache = options.sessionResumption === false ? undefined : new SessionCache();
    this.faults = new DtlsFaults({
      clock: options.clock,
      historySize: options.recordHistory,
      injectInbound: (bytes, from) => this.receive(bytes, from, false),
      sendRaw: (bytes, to) => this.inner.send(bytes, to),
    });
    this.stopInner = this.inner.onMessage((data, from) => this.receive(data, from, true));
  }

  get local(): Endpoint {
    return this.inner.local;
  }

  on<K extends DtlsEventName>(name: K, listener: (event: DtlsEventMap[K]) => void): () => void {
    return this.events.on(name, listener);
  }

  onMessage(handler: DatagramHandler): () => void {
    return this.handlers.add(handler);
  }

  /** Errors of receivers and of the inner transport's sends. */
  onError(listener: (error: unknown) => void): () => void {
    return this.handlers.onError(listener);
  }

  send(data: Buffer, to: Endpoint): Promise<void> {
    if (this.closed) return Promise.reject(new DtlsClosedError(`send to ${endpointKey(to)}`));
    const peer = this.peers.get(endpointKey(to));
    if (!peer?.connection.established) return Promise.reject(new NoSessionError(to));
    return peer.connection.sendApplicationData(data);
  }

  /** The established session with this peer, if any. */
  sessionFor(peer: Endpoint): DtlsSessionInfo | undefined {
    const info = this.peers.get(endpointKey(peer))?.info;
    return info ? { ...info, peer: { ...info.peer } } : undefined;
  }

  sessions(): DtlsSessionInfo[] {
    return [...this.peers.values()].flatMap((p) => (p.info ? [{ ...p.info }] : []));
  }

  /** Sends close_notify and forgets the session. */
  async closeSession(peer: Endpoint): Promise<void> {
    await this.peers.get(endpointKey(peer))?.connection.close('closed-by-server');
  }

  stats(): DtlsServerStats {
    return { ...this.counters, sessions: this.sessions().length, dropped: { ...this.dropCounts } };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const goodbyes = [...this.peers.values()].map((p) => (p.connection.established ? p.connection.close('transport-closed') : (p.connection.end('transport-closed'), Promise.resolve())));
    await Promise.allSettled(goodbyes);
    this.peers.clear();
    this.stopInner();
    this.handlers.clear();
    await this.inner.close();
  }

  /** Printed forms show no keys or secrets (the whole object graph would reach the PSK store and master secrets). */
  [inspect.custom](): string {
    return `${this.constructor.name} ${JSON.stringify(this.toJSON())}`;
  }

  toJSON(): Record<string, unknown> {
    return { kind: 'DtlsServerTransport', local: endpointKey(this.local), sessions: this.sessions().length };
  }

  private receive(data: Buffer, from: Endpoint, fromNetwork: boolean): void {
    if (this.closed) return;
    const bytes = fromNetwork ? this.faults.inbound(data, from) : data;
    const parsed = parseDatagram(bytes);
    if (parsed.malformedTail > 0) this.drop(from, 'malformed', { trailingBytes: parsed.malformedTail });
    const rest: DtlsRecord[] = [];
    for (const record of parsed.records) {
      if (isClientHelloRecord(record)) this.clientHello(record, from);
      else rest.push(record);
    }
    if (rest.length === 0) return;
    const peer = this.peers.get(endpointKey(from));
    if (!peer) {
      for (const record of rest) this.drop(from, 'no-session', { epoch: record.epoch, sequence: record.sequence, type: record.type });
      return;
    }
    peer.connection.receive(rest);
  }

  private clientHello(record: DtlsRecord, from: Endpoint): void {
    let hello: ClientHello;
    let messageSeq: number;
    let body: Buffer;
    try {
      const [fragment, ...others] = parseFragments(record.fragment);
      if (!fragment || others.length > 0 || fragment.offset !== 0 || fragment.data.length !== fragment.length) {
        this.drop(from, 'malformed', { what: 'fragmented ClientHello' });
        return;
      }
      messageSeq = fragment.messageSeq;
      body = fragment.data;
      hello = parseClientHello(body);
    } catch (error) {
      this.drop(from, 'malformed', { what: 'ClientHello', error: error instanceof Error ? error.message : String(error) });
      return;
    }
    const existing = this.peers.get(endpointKey(from));
    const sameHandshake = existing !== undefined && existing.handshake.random.equals(hello.random);
    if (!this.cookies.verify(from, hello)) {
      if (hello.cookie.length > 0) this.drop(from, 'bad-cookie', { cookieLength: hello.cookie.length });
      this.sendHelloVerify(record, messageSeq, hello, from);
      return;
    }
    if (sameHandshake) {
      // The client repeated its hello: our answer was lost. Repeat it unless the session is already up.
      if (!existing.connection.established) existing.connection.resendFlight();
      return;
    }
    if (existing) this.retire(existing, 'replaced-by-new-handshake');
    this.startHandshake(from, { type: HandshakeType.clientHello, messageSeq, body, epoch: 0 }, hello, record.sequence);
  }

  private startHandshake(from: Endpoint, message: { type: number; messageSeq: number; body: Buffer; epoch: number }, hello: ClientHello, recordSequence: number): void {
    const endpoint = { ...from };
    const key = endpointKey(endpoint);
    const connection: DtlsConnection = new DtlsConnection({
      clock: this.clock,
      maxDatagram: this.options.maxDatagram,
      maxTransmissions: this.options.maxTransmissions,
      hooks: {
        transmit: (datagrams, kind) => this.transmit(datagrams, endpoint, kind),
        deliver: (data) => this.handlers.dispatch(data, endpoint),
        dropped: (reason, detail) => this.drop(endpoint, reason, detail),
        alert: (alert, direction) => this.events.emit('alert', alertEvent({ ...endpoint }, alert, direction)),
        ended: (reason) => this.ended(entry, reason),
      },
    });
    const handshake = new ServerHandshake(connection, {
      suites: this.suites,
      credentials: this.options.credentials,
      identityHint: this.options.identityHint,
      sessionCache: this.sessionCache,
      wrongKeyFor: (identity) => this.faults.keyOverride(identity),
    }, (result) => this.completed(entry, result));
    const entry: Peer = { endpoint, connection, handshake };
    this.peers.set(key, entry);
    this.counters.handshakesStarted++;
    handshake.start(message, hello, recordSequence);
  }

  private completed(entry: Peer, result: ServerHandshakeResult): void {
    this.counters.handshakesCompleted++;
    entry.info = {
      peer: { ...entry.endpoint }, identity: result.identity, cipherSuite: result.suite.name as CipherSuiteName,
      resumed: result.resumed, extendedMasterSecret: result.extendedMasterSecret, establishedAt: this.clock.now(),
    };
    this.events.emit('handshakeComplete', {
      peer: { ...entry.endpoint }, identity: result.identity, cipherSuite: entry.info.cipherSuite,
      resumed: result.resumed, extendedMasterSecret: result.extendedMasterSecret,
    });
  }

  private ended(entry: Peer, reason: string): void {
    const key = endpointKey(entry.endpoint);
    if (this.peers.get(key) === entry) this.peers.delete(key);
    if (entry.info) {
      this.events.emit('sessionClosed', { peer: { ...entry.endpoint }, reason });
    } else {
      this.counters.handshakesFailed++;
      this.events.emit('handshakeFailed', { peer: { ...entry.endpoint }, reason });
    }
  }

  /** An old session or handshake of a peer that started a new one: ended without an alert. */
  private retire(entry: Peer, reason: string): void {
    this.peers.delete(endpointKey(entry.endpoint));
    entry.connection.end(reason);
  }

  /** HelloVerifyRequest: stateless, echoes the hello's record sequence number (RFC 6347 §4.2.1). */
  private sendHelloVerify(record: DtlsRecord, messageSeq: number, hello: ClientHello, to: Endpoint): void {
    this.counters.helloVerifyRequests++;
    const cookie = this.cookies.make(to, hello);
    const fragment = encodeWhole({ type: HandshakeType.helloVerifyRequest, messageSeq, body: encodeHelloVerifyRequest(cookie) });
    const datagram = encodeRecord({ type: ContentType.handshake, version: DTLS_1_0, epoch: 0, sequence: record.sequence, fragment });
    void this.transmit([datagram], to, 'hello-verify');
  }

  private transmit(datagrams: Buffer[], to: Endpoint, kind: TransmitKind): Promise<void> {
    const out = this.faults.outbound(datagrams, to, kind);
    return sendDatagrams(this.inner, out, to, kind, this.handlers);
  }

  private drop(peer: Endpoint, reason: DropReason, detail: Record<string, unknown>): void {
    this.dropCounts[reason] = (this.dropCounts[reason] ?? 0) + 1;
    this.events.emit('recordDropped', { peer: { ...peer }, reason, detail });
  }
}

/** An unprotected handshake record whose first message is a ClientHello: the start (or restart) of a handshake. */
function isClientHelloRecord(record: DtlsRecord): boolean {
  return record.epoch === 0 && record.type === ContentType.handshake && record.fragment.length > 0 && record.fragment[0] === HandshakeType.clientHello;
}
