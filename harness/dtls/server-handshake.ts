import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { DtlsRecord } from './record.ts';
import { AlertDescription, AlertLevel } from './alerts.ts';
import type { CipherSuite } from './ciphers/cipher.ts';
import { ContentType, DTLS_1_2, EMPTY_RENEGOTIATION_INFO_SCSV, ExtensionType, HandshakeType, RANDOM_LENGTH } from './constants.ts';
import type { DtlsConnection, FlightItem, HandshakeDriver } from './connection.ts';
import type { Extension } from './extensions.ts';
import { findExtension } from './extensions.ts';
import type { HandshakeMessage } from './handshake-fragments.ts';
import { deriveKeyBlock, extendedMasterSecret, finishedVerifyData, masterSecret, pskPremaster } from './keys.ts';
import type { ClientHello } from './messages.ts';
import { encodePskOpaque, encodeServerHello, offersDtls12, parsePskOpaque } from './messages.ts';
import type { CredentialStore } from './psk-store.ts';
import type { CachedSession, SessionCache } from './session-cache.ts';
import { Transcript } from './transcript.ts';

export interface ServerHandshakeConfig {
  /** Suites in the server's order of preference. */
  suites: readonly CipherSuite[];
  credentials: CredentialStore;
  /** When set, sent in a ServerKeyExchange (RFC 4279 §2); without it no ServerKeyExchange is sent. */
  identityHint?: string;
  sessionCache?: SessionCache;
  /** Fault injection (AT-001): a key to use instead of the stored one; the server then proves the wrong key. */
  wrongKeyFor?: (identity: string) => Buffer | undefined;
}

export interface ServerHandshakeResult {
  identity: string;
  suite: CipherSuite;
  resumed: boolean;
  extendedMasterSecret: boolean;
  sessionId: Buffer;
}

type State = 'wait-key-exchange' | 'wait-finished' | 'wait-finished-resumed' | 'wrong-key-sent' | 'done';

/** The server side of a PSK handshake, full or abbreviated, started by a ClientHello whose cookie checked out. */
export class ServerHandshake implements HandshakeDriver {
  private state: State = 'wait-key-exchange';
  private readonly transcript = new Transcript();
  private clientRandom: Buffer = Buffer.alloc(0);
  private wrongKeyInUse = false;
  private readonly serverRandom = randomBytes(RANDOM_LENGTH);
  private suite!: CipherSuite;
  private master: Buffer = Buffer.alloc(0);
  private sessionId: Buffer = Buffer.alloc(0);
  private identity = '';
  private useEms = false;
  private resumed = false;

  constructor(
    private readonly connection: DtlsConnection,
    private readonly config: ServerHandshakeConfig,
    private readonly onComplete: (result: ServerHandshakeResult) => void,
  ) {
    connection.attach(this);
  }

  /** The client random of the hello this handshake answers: a repeated hello with the same random is a retransmission. */
  get random(): Buffer {
    return this.clientRandom;
  }

  start(message: HandshakeMessage, hello: ClientHello, recordSequence = 0): void {
    this.connection.startWriteSequence(0, recordSequence);
    this.clientRandom = Buffer.from(hello.random);
    this.connection.startMessageSeqs(message.messageSeq, message.messageSeq + 1);
    if (!offersDtls12(hello.version)) return this.connection.fail(AlertDescription.protocolVersion, 'protocol-version');
    if (!hello.compressionMethods.includes(0)) return this.connection.fail(AlertDescription.illegalParameter, 'no-null-compression');
    const suite = this.config.suites.find((s) => hello.cipherSuites.includes(s.id));
    const reneg = findExtension(hello.extensions, ExtensionType.renegotiationInfo);
    if (reneg && !(reneg.data.length === 1 && reneg.data[0] === 0)) {
      return this.connection.fail(AlertDescription.handshakeFailure, 'bad-renegotiation-info');
    }
    if (!suite) return this.connection.fail(AlertDescription.handshakeFailure, 'no-common-cipher-suite');
    this.useEms = findExtension(hello.extensions, ExtensionType.extendedMasterSecret) !== undefined;
    const secureRenegotiation = reneg !== undefined || hello.cipherSuites.includes(EMPTY_RENEGOTIATION_INFO_SCSV);
    const extensions: Extension[] = [];
    if (secureRenegotiation) extensions.push({ type: ExtensionType.renegotiationInfo, data: Buffer.from([0]) });
    if (this.useEms) extensions.push({ type: ExtensionType.extendedMasterSecret, data: Buffer.alloc(0) });
    this.transcript.add(message);

    const cached = this.resumable(hello);
    if (cached) return this.resume(cached, extensions);

    this.suite = suite;
    this.sessionId = this.config.sessionCache ? randomBytes(32) : Buffer.alloc(0);
    const flight: FlightItem[] = [this.handshake(HandshakeType.serverHello, this.serverHelloBody(extensions))];
    if (this.config.identityHint !== undefined) {
      flight.push(this.handshake(HandshakeType.serverKeyExchange, encodePskOpaque(Buffer.from(this.config.identityHint, 'utf8'))));
    }
    flight.push(this.handshake(HandshakeType.serverHelloDone, Buffer.alloc(0)));
    this.connection.sendFlight(flight, true);
  }

  handle(message: HandshakeMessage): void {
    if (message.type === HandshakeType.clientHello && this.state === 'done') {
      // Renegotiation is not offered: refuse politely, the session stays (RFC 5746 §4.4 allows this).
      this.connection.sendAlert(AlertLevel.warning, AlertDescription.noRenegotiation);
      return;
    }
    if (this.state === 'wait-key-exchange' && message.type === HandshakeType.clientKeyExchange) return this.keyExchange(message);
    if ((this.state === 'wait-finished' || this.state === 'wait-finished-resumed') && message.type === HandshakeType.finished) {
      return this.finished(message);
    }
    this.connection.fail(AlertDescription.unexpectedMessage, 'unexpected-message');
  }

  /** With the wrong-key fault the client's Finished cannot open; answer it anyway so that the client must judge. */
  protectedRecordFailed(record: DtlsRecord): boolean {
    if (this.state === 'wait-finished' && this.wrongKeyInUse && record.type === ContentType.handshake) {
      this.sendFinishedFlight();
      this.state = 'wrong-key-sent';
      return true;
    }
    if (this.state === 'wrong-key-sent') {
      // Record types are in clear: an alert means the client refused our key, anything else that it went on.
      if (record.type === ContentType.alert) this.connection.end('peer-rejected-wrong-key');
      else if (record.type === ContentType.applicationData) this.connection.end('peer-accepted-wrong-key');
      return true;
    }
    return false;
  }

  gaveUp(): void {
    this.connection.end('timeout');
  }

  private resumable(hello: ClientHello): CachedSession | undefined {
    const cached = this.config.sessionCache?.get(hello.sessionId);
    if (!cached || !hello.cipherSuites.includes(cached.cipherSuite)) return undefined;
    if (!this.config.suites.some((s) => s.id === cached.cipherSuite)) return undefined;
    // RFC 7627 §5.3: resume only when both handshakes agree on the extended master secret.
    if (cached.extendedMasterSecret !== this.useEms) return undefined;
    if (this.config.credentials.lookup(cached.identity) === undefined) return undefined;
    if (this.config.wrongKeyFor?.(cached.identity)) return undefined;
    return cached;
  }

  private resume(cached: CachedSession, extensions: Extension[]): void {
    const suite = this.config.suites.find((s) => s.id === cached.cipherSuite);
    if (!suite) return;
    this.suite = suite;
    this.resumed = true;
    this.identity = cached.identity;
    this.master = cached.masterSecret;
    this.sessionId = cached.sessionId;
    const hello = this.handshake(HandshakeType.serverHello, this.serverHelloBody(extensions));
    this.installKeys();
    const finished = this.handshake(HandshakeType.finished, finishedVerifyData(this.master, 'server', this.transcript.hash()), 1);
    this.connection.useWriteEpoch(1);
    this.connection.sendFlight([hello, { kind: 'ccs', epoch: 0 }, finished], true);
    this.state = 'wait-finished-resumed';
  }

  private keyExchange(message: HandshakeMessage): void {
    let identity: string;
    try {
      identity = parsePskOpaque(message.body, 'ClientKeyExchange').toString('utf8');
    } catch {
      return this.connection.fail(AlertDescription.decodeError, 'malformed-client-key-exchange');
    }
    this.identity = identity;
    const wrongKey = this.config.wrongKeyFor?.(identity);
    const key = wrongKey ?? this.config.credentials.lookup(identity);
    if (!key) return this.connection.fail(AlertDescription.unknownPskIdentity, 'unknown-psk-identity');
    this.wrongKeyInUse = wrongKey !== undefined;
    // The flight timer keeps running until the client's Finished is in: a lost Finished is recovered by
    // our retransmission prompting the client to resend its whole flight, and a vanished client times out.
    this.transcript.add(message);
    const premaster = pskPremaster(key);
    this.master = this.useEms
      ? extendedMasterSecret(premaster, this.transcript.hash())
      : masterSecret(premaster, this.clientRandom, this.serverRandom);
    premaster.fill(0);
    this.installKeys();
    this.state = 'wait-finished';
  }

  private finished(message: HandshakeMessage): void {
    if (message.epoch === 0) return this.connection.fail(AlertDescription.unexpectedMessage, 'unprotected-finished');
    const expected = finishedVerifyData(this.master, 'client', this.transcript.hash());
    if (message.body.length !== expected.length || !timingSafeEqual(message.body, expected)) {
      return this.connection.fail(AlertDescription.decryptError, 'bad-finished');
    }
    this.transcript.add(message);
    if (this.state === 'wait-finished-resumed') {
      this.connection.stopRetransmission();
    } else {
      this.sendFinishedFlight();
      this.config.sessionCache?.put({
        sessionId: this.sessionId, masterSecret: this.master, cipherSuite: this.suite.id,
        identity: this.identity, extendedMasterSecret: this.useEms,
      });
    }
    this.state = 'done';
    this.connection.markEstablished();
    this.onComplete({ identity: this.identity, suite: this.suite, resumed: this.resumed, extendedMasterSecret: this.useEms, sessionId: this.sessionId });
  }

  /** Our ChangeCipherSpec and Finished: the final flight of a full handshake (resent only when the client repeats). */
  private sendFinishedFlight(): void {
    const finished = this.handshake(HandshakeType.finished, finishedVerifyData(this.master, 'server', this.transcript.hash()), 1);
    this.connection.useWriteEpoch(1);
    this.connection.sendFlight([{ kind: 'ccs', epoch: 0 }, finished], false);
  }

  private installKeys(): void {
    const keys = deriveKeyBlock(this.master, this.clientRandom, this.serverRandom, this.suite.keySizes);
    this.connection.installRead(1, this.suite.create(keys.client));
    this.connection.installWrite(1, this.suite.create(keys.server));
  }

  private serverHelloBody(extensions: Extension[]): Buffer {
    return encodeServerHello({
      version: DTLS_1_2, random: this.serverRandom, sessionId: this.sessionId,
      cipherSuite: this.suite.id, compressionMethod: 0, extensions,
    });
  }

  /** A handshake message of ours: numbered, added to the transcript, ready for a flight. */
  private handshake(type: number, body: Buffer, epoch = 0): FlightItem {
    const message = { type, messageSeq: this.connection.takeMessageSeq(), body };
    this.transcript.add(message);
    return { kind: 'handshake', message, epoch };
  }
}
