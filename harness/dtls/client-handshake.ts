import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AlertDescription } from './alerts.ts';
import type { CipherSuite } from './ciphers/cipher.ts';
import { ContentType, DTLS_1_2, ExtensionType, HandshakeType, RANDOM_LENGTH } from './constants.ts';
import type { DtlsConnection, FlightItem, HandshakeDriver } from './connection.ts';
import type { Extension } from './extensions.ts';
import { findExtension } from './extensions.ts';
import type { HandshakeMessage } from './handshake-fragments.ts';
import { deriveKeyBlock, extendedMasterSecret, finishedVerifyData, masterSecret, pskPremaster } from './keys.ts';
import type { ServerHello } from './messages.ts';
import { encodeClientHello, encodePskOpaque, parseHelloVerifyRequest, parsePskOpaque, parseServerHello } from './messages.ts';
import type { CachedSession } from './session-cache.ts';
import { Transcript } from './transcript.ts';

export interface ClientHandshakeConfig {
  identity: string;
  key: Buffer;
  /** Offered in this order. */
  suites: readonly CipherSuite[];
  /** Offer the extended master secret (default true). */
  extendedMasterSecret?: boolean;
  /** A session from an earlier handshake with the same server, to resume. */
  resume?: CachedSession;
  /** Complete without verifying the server's Finished (only for emulating a faulty device: AT-001). */
  acceptAnyServerFinished?: boolean;
}

export interface ClientHandshakeResult {
  suite: CipherSuite;
  resumed: boolean;
  extendedMasterSecret: boolean;
  identityHint: string | undefined;
  /** Resumable later (empty session id: the server does not cache). */
  session: CachedSession;
}

type State = 'wait-hello' | 'wait-hello-done' | 'wait-finished' | 'wait-finished-resumed' | 'done';

/** The client side of a PSK handshake (cookie, PSK, EMS, resumption); used by tests and the emulated client. */
export class ClientHandshake implements HandshakeDriver {
  private state: State = 'wait-hello';
  private readonly transcript = new Transcript();
  private readonly clientRandom = randomBytes(RANDOM_LENGTH);
  private serverRandom: Buffer = Buffer.alloc(0);
  private lastHello: HandshakeMessage | undefined;
  private suite!: CipherSuite;
  private master: Buffer = Buffer.alloc(0);
  private sessionId: Buffer = Buffer.alloc(0);
  private useEms = false;
  private identityHint: string | undefined;

  constructor(
    private readonly connection: DtlsConnection,
    private readonly config: ClientHandshakeConfig,
    private readonly onComplete: (result: ClientHandshakeResult) => void,
  ) {
    connection.attach(this);
  }

  start(): void {
    this.sendHello(Buffer.alloc(0));
  }

  handle(message: HandshakeMessage): void {
    switch (`${this.state}:${message.type}`) {
      case `wait-hello:${HandshakeType.helloVerifyRequest}`:
        this.connection.resetReplayWindow(0);
        return this.sendHello(Buffer.from(parseHelloVerifyRequest(message.body).cookie));
      case `wait-hello:${HandshakeType.serverHello}`:
        return this.serverHello(message);
      case `wait-hello-done:${HandshakeType.serverKeyExchange}`:
        this.transcript.add(message);
        this.identityHint = parsePskOpaque(message.body, 'ServerKeyExchange').toString('utf8');
        return;
      case `wait-hello-done:${HandshakeType.serverHelloDone}`:
        this.transcript.add(message);
        return this.sendKeyExchange();
      case `wait-finished:${HandshakeType.finished}`:
      case `wait-finished-resumed:${HandshakeType.finished}`:
        return this.serverFinished(message);
      case `done:${HandshakeType.helloRequest}`:
        return; // renegotiation is not offered; a HelloRequest may be ignored (RFC 5246 §7.4.1.1)
      default:
        this.connection.fail(AlertDescription.unexpectedMessage, 'unexpected-message');
    }
  }

  gaveUp(): void {
    this.connection.end('timeout');
  }

  /** The faulty device of acceptAnyServerFinished takes a Finished it cannot even open as proof enough. */
  protectedRecordFailed(record: { type: number; epoch: number }): boolean {
    if (!this.config.acceptAnyServerFinished || this.state !== 'wait-finished' || record.type !== ContentType.handshake) return false;
    this.complete(false);
    return true;
  }

  private sendHello(cookie: Buffer): void {
    const extensions: Extension[] = [{ type: ExtensionType.renegotiationInfo, data: Buffer.from([0]) }];
    if (this.config.extendedMasterSecret !== false) extensions.push({ type: ExtensionType.extendedMasterSecret, data: Buffer.alloc(0) });
    const body = encodeClientHello({
      version: DTLS_1_2, random: this.clientRandom, sessionId: this.config.resume?.sessionId ?? Buffer.alloc(0), cookie,
      cipherSuites: this.config.suites.map((s) => s.id), compressionMethods: [0], extensions,
    });
    this.lastHello = { type: HandshakeType.clientHello, messageSeq: this.connection.takeMessageSeq(), body };
    this.connection.sendFlight([{ kind: 'handshake', message: this.lastHello, epoch: 0 }], true);
  }

  private serverHello(message: HandshakeMessage): void {
    let hello: ServerHello;
    try {
      hello = parseServerHello(message.body);
    } catch {
      return this.connection.fail(AlertDescription.decodeError, 'malformed-server-hello');
    }
    const suite = this.config.suites.find((s) => s.id === hello.cipherSuite);
    if (!suite || hello.version !== DTLS_1_2 || hello.compressionMethod !== 0) {
      return this.connection.fail(AlertDescription.illegalParameter, 'bad-server-hello');
    }
    this.useEms = findExtension(hello.extensions, ExtensionType.extendedMasterSecret) !== undefined;
    if (this.useEms && this.config.extendedMasterSecret === false) return this.connection.fail(AlertDescription.unsupportedExtension, 'unsolicited-extension');
    this.suite = suite;
    this.serverRandom = Buffer.from(hello.random);
    this.sessionId = Buffer.from(hello.sessionId);
    this.transcript.reset();
    if (this.lastHello) this.transcript.add(this.lastHello);
    this.transcript.add(message);
    const resume = this.config.resume;
    if (resume && resume.sessionId.length > 0 && resume.sessionId.equals(hello.sessionId)) {
      if (resume.cipherSuite !== suite.id || resume.extendedMasterSecret !== this.useEms) {
        return this.connection.fail(AlertDescription.illegalParameter, 'bad-resumption');
      }
      this.master = resume.masterSecret;
      this.installKeys();
      this.state = 'wait-finished-resumed';
      return;
    }
    this.state = 'wait-hello-done';
  }

  private sendKeyExchange(): void {
    const exchange = this.message(HandshakeType.clientKeyExchange, encodePskOpaque(Buffer.from(this.config.identity, 'utf8')));
    const premaster = pskPremaster(this.config.key);
    this.master = this.useEms
      ? extendedMasterSecret(premaster, this.transcript.hash())
      : masterSecret(premaster, this.clientRandom, this.serverRandom);
    premaster.fill(0);
    this.installKeys();
    const finished = this.message(HandshakeType.finished, finishedVerifyData(this.master, 'client', this.transcript.hash()));
    this.connection.useWriteEpoch(1);
    this.connection.sendFlight([
      { kind: 'handshake', message: exchange, epoch: 0 },
      { kind: 'ccs', epoch: 0 },
      { kind: 'handshake', message: finished, epoch: 1 },
    ], true);
    this.state = 'wait-finished';
  }

  private serverFinished(message: HandshakeMessage): void {
    if (message.epoch === 0) return this.connection.fail(AlertDescription.unexpectedMessage, 'unprotected-finished');
    const expected = finishedVerifyData(this.master, 'server', this.transcript.hash());
    const verified = message.body.length === expected.length && timingSafeEqual(message.body, expected);
    if (!verified && !this.config.acceptAnyServerFinished) {
      return this.connection.fail(AlertDescription.decryptError, 'bad-finished');
    }
    this.transcript.add(message);
    this.complete(this.state === 'wait-finished-resumed');
  }

  private complete(resumed: boolean): void {
    if (resumed) {
      const finished = this.message(HandshakeType.finished, finishedVerifyData(this.master, 'client', this.transcript.hash()));
      this.connection.useWriteEpoch(1);
      this.connection.sendFlight([{ kind: 'ccs', epoch: 0 }, { kind: 'handshake', message: finished, epoch: 1 }], false);
    } else {
      this.connection.stopRetransmission();
    }
    this.state = 'done';
    this.connection.markEstablished();
    this.onComplete({
      suite: this.suite, resumed, extendedMasterSecret: this.useEms, identityHint: this.identityHint,
      session: {
        sessionId: this.sessionId, masterSecret: this.master, cipherSuite: this.suite.id,
        identity: this.config.identity, extendedMasterSecret: this.useEms,
      },
    });
  }

  private installKeys(): void {
    const keys = deriveKeyBlock(this.master, this.clientRandom, this.serverRandom, this.suite.keySizes);
    this.connection.installRead(1, this.suite.create(keys.server));
    this.connection.installWrite(1, this.suite.create(keys.client));
  }

  private message(type: number, body: Buffer): HandshakeMessage {
    const message = { type, messageSeq: this.connection.takeMessageSeq(), body };
    this.transcript.add(message);
    return message;
  }
}
