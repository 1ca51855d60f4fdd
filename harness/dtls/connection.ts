import type { Clock } from '../clock/clock.ts';
import type { Alert } from './alerts.ts';
import { AlertDescription, AlertLevel, encodeAlert, parseAlert } from './alerts.ts';
import type { RecordCipher } from './ciphers/cipher.ts';
import { ContentType, DTLS_1_2, RECORD_HEADER_LENGTH } from './constants.ts';
import type { DropReason } from './events.ts';
import type { HandshakeMessage } from './handshake-fragments.ts';
import { fragmentMessage, HandshakeReassembler, parseFragments } from './handshake-fragments.ts';
import type { DtlsRecord } from './record.ts';
import { encodeRecord, MAX_SEQUENCE } from './record.ts';
import { ReplayWindow } from './replay-window.ts';
import { FlightTimer } from './retransmit.ts';

/** One item of a flight: a handshake message or a ChangeCipherSpec, each in the epoch it is sent under. */
export type FlightItem =
  | { kind: 'handshake'; message: HandshakeMessage; epoch: number }
  | { kind: 'ccs'; epoch: number };

/** How a datagram leaves: a new flight, a retransmitted one, application data, an alert, or a stateless HelloVerifyRequest. */
export type TransmitKind = 'flight' | 'retransmission' | 'application' | 'alert' | 'hello-verify';

/** What the connection tells its owner (the server or client transport). */
export interface ConnectionHooks {
  /** Hands datagrams to the network; resolves when the inner transport took them. */
  transmit(datagrams: Buffer[], kind: TransmitKind): Promise<void>;
  deliver(data: Buffer): void;
  dropped(reason: DropReason, detail: Record<string, unknown>): void;
  alert(alert: Alert, direction: 'received' | 'sent'): void;
  /** The connection is over: close_notify, a fatal alert either way, or retransmissions gave up. */
  ended(reason: string): void;
}

/** The role-specific handshake (server-handshake.ts, client-handshake.ts) on top of the record layer. */
export interface HandshakeDriver {
  handle(message: HandshakeMessage): void;
  /** A protected record of the handshake did not authenticate; return true when the driver dealt with it. */
  protectedRecordFailed?(record: DtlsRecord): boolean;
  /** Retransmissions of our flight were exhausted. */
  gaveUp(): void;
}

export interface ConnectionOptions {
  clock: Clock;
  hooks: ConnectionHooks;
  /** Largest datagram to send; handshake messages are fragmented to fit (default 1200). */
  maxDatagram?: number;
  /** Accept replayed records (only for emulating a faulty device: SEC-002 must be able to fail). */
  acceptReplays?: boolean;
  /** Use records whose MAC or tag does not verify once established (only for emulating a faulty device: DI-001). */
  skipMacCheck?: boolean;
  maxTransmissions?: number;
}

interface ReadState {
  cipher: RecordCipher | undefined;
  window: ReplayWindow;
}

interface WriteState {
  cipher: RecordCipher | undefined;
  nextSequence: number;
}

/** Record overhead that fragmentation must leave room for: header, explicit IV and MAC/tag, handshake header. */
const FLIGHT_OVERHEAD = RECORD_HEADER_LENGTH + 16 + 48 + 12 + 16;

/**
 * The record layer of one peer: epochs, sequence numbers, protection, anti-replay, handshake reassembly,
 * flights and their retransmission. What the handshake messages mean is up to the driver.
 */
export class DtlsConnection {
  private readonly reads = new Map<number, ReadState>([[0, { cipher: undefined, window: new ReplayWindow() }]]);
  private readonly writes = new Map<number, WriteState>([[0, { cipher: undefined, nextSequence: 0 }]]);
  private writeEpoch = 0;
  private readonly reassembler = new HandshakeReassembler();
  private flight: FlightItem[] = [];
  private readonly timer: FlightTimer;
  private nextMessageSeq = 0;
  private driver: HandshakeDriver | undefined;
  private resentThisDatagram = false;
  private isEstablished = false;
  private isEnded = false;
  private readonly hooks: ConnectionHooks;
  private readonly maxDatagram: number;

  constructor(private readonly options: ConnectionOptions) {
    this.hooks = options.hooks;
    this.maxDatagram = options.maxDatagram ?? 1200;
    this.timer = new FlightTimer(options.clock, () => void this.transmitFlight('retransmission'), () => this.driver?.gaveUp(), options.maxTransmissions);
  }

  attach(driver: HandshakeDriver): void {
    this.driver = driver;
  }

  get established(): boolean {
    return this.isEstablished;
  }

  get ended(): boolean {
    return this.isEnded;
  }

  get currentWriteEpoch(): number {
    return this.writeEpoch;
  }

  markEstablished(): void {
    this.isEstablished = true;
  }

  /** The message_seq for the next handshake message we send. */
  takeMessageSeq(): number {
    return this.nextMessageSeq++;
  }

  /** Aligns both message counters at the start of a handshake (the server mirrors the ClientHello's). */
  startMessageSeqs(send: number, expect: number): void {
    this.nextMessageSeq = send;
    this.reassembler.reset(expect);
  }

  /**
   * The server mirrors the ClientHello's record sequence number so that its epoch-0 records come after the
   * stateless HelloVerifyRequest (which reused the first hello's number) and are not taken for replays.
   */
  startWriteSequence(epoch: number, sequence: number): void {
    const state = this.writes.get(epoch);
    if (state) state.nextSequence = Math.max(state.nextSequence, sequence);
  }

  /** Forgets what an epoch has seen (the client after a HelloVerifyRequest: the server kept no state). */
  resetReplayWindow(epoch: number): void {
    const state = this.reads.get(epoch);
    if (state) state.window = new ReplayWindow();
  }

  installRead(epoch: number, cipher: RecordCipher): void {
    this.reads.set(epoch, { cipher, window: new ReplayWindow() });
  }

  installWrite(epoch: number, cipher: RecordCipher): void {
    this.writes.set(epoch, { cipher, nextSequence: 0 });
  }

  /** Makes application data and alerts go out under this epoch from now on (after our ChangeCipherSpec). */
  useWriteEpoch(epoch: number): void {
    this.writeEpoch = epoch;
  }

  /** Sends a flight; retransmitted on the clock until stopRetransmission(), unless it is a final flight. */
  sendFlight(items: FlightItem[], retransmit: boolean): void {
    this.flight = items;
    void this.transmitFlight('flight');
    if (retransmit) this.timer.start();
    else this.timer.stop();
  }

  stopRetransmission(): void {
    this.timer.stop();
  }

  /** Our last flight again (the peer showed it lost it by repeating its own); once per received datagram. */
  resendFlight(): void {
    if (this.flight.length > 0 && !this.resentThisDatagram) {
      this.resentThisDatagram = true;
      void this.transmitFlight('retransmission');
    }
  }

  sendApplicationData(data: Buffer): Promise<void> {
    return this.hooks.transmit([this.protect(ContentType.applicationData, this.writeEpoch, data)], 'application');
  }

  sendAlert(level: number, description: number): Promise<void> {
    const alert = { level, description };
    const sent = this.hooks.transmit([this.protect(ContentType.alert, this.writeEpoch, encodeAlert(alert))], 'alert');
    this.hooks.alert(alert, 'sent');
    return sent;
  }

  /** A fatal alert ends the connection. */
  fail(description: number, reason: string): void {
    if (this.isEnded) return;
    void this.sendAlert(AlertLevel.fatal, description);
    this.end(reason);
  }

  /** close_notify, then the connection is gone. */
  close(reason = 'closed'): Promise<void> {
    if (this.isEnded) return Promise.resolve();
    const sent = this.sendAlert(AlertLevel.warning, AlertDescription.closeNotify);
    this.end(reason);
    return sent;
  }

  end(reason: string): void {
    if (this.isEnded) return;
    this.isEnded = true;
    this.timer.stop();
    this.hooks.ended(reason);
  }

  /** Processes the records of one datagram from this peer. */
  receive(records: DtlsRecord[]): void {
    this.resentThisDatagram = false;
    for (const record of records) {
      if (this.isEnded) return;
      this.receiveRecord(record);
    }
  }

  private receiveRecord(record: DtlsRecord): void {
    const state = this.reads.get(record.epoch);
    if (!state) {
      this.hooks.dropped('unknown-epoch', { epoch: record.epoch, sequence: record.sequence, type: record.type });
      return;
    }
    const replay = state.window.check(record.sequence);
    if (replay !== 'ok' && !this.options.acceptReplays) {
      this.hooks.dropped(replay === 'replayed' ? 'replayed' : 'too-old', { epoch: record.epoch, sequence: record.sequence, type: record.type });
      return;
    }
    let plaintext = record.fragment;
    if (state.cipher) {
      const opened = state.cipher.unprotect(record, record.fragment) ??
        (this.isEstablished && this.options.skipMacCheck ? state.cipher.openUnverified?.(record, record.fragment) : undefined);
      if (!opened) {
        this.protectedRecordFailed(record);
        return;
      }
      plaintext = opened;
    }
    state.window.mark(record.sequence);
    switch (record.type) {
      case ContentType.handshake:
        this.receiveHandshake(plaintext, record);
        return;
      case ContentType.changeCipherSpec:
        return; // keys are switched by epoch number, so the marker itself carries nothing we need
      case ContentType.alert:
        this.receiveAlert(plaintext, record);
        return;
      case ContentType.applicationData:
        if (!this.isEstablished || record.epoch === 0 || record.epoch !== this.latestReadEpoch()) {
          this.hooks.dropped('not-established', { epoch: record.epoch, sequence: record.sequence });
          return;
        }
        this.hooks.deliver(Buffer.from(plaintext));
        return;
      default:
        this.hooks.dropped('malformed', { epoch: record.epoch, sequence: record.sequence, type: record.type });
    }
  }

  private protectedRecordFailed(record: DtlsRecord): void {
    const detail = { epoch: record.epoch, sequence: record.sequence, type: record.type };
    if (this.isEstablished) {
      this.hooks.dropped('bad-mac', detail); // RFC 6347 §4.1.2.7: drop silently once established
      return;
    }
    if (this.driver?.protectedRecordFailed?.(record)) return;
    // During the handshake a record that does not open means the keys differ: a wrong PSK.
    this.hooks.dropped('bad-mac', detail);
    this.fail(AlertDescription.badRecordMac, 'bad-record-mac');
  }

  private receiveHandshake(plaintext: Buffer, record: DtlsRecord): void {
    let fragments;
    try {
      fragments = parseFragments(plaintext);
    } catch {
      this.hooks.dropped('malformed', { epoch: record.epoch, sequence: record.sequence, type: record.type });
      return;
    }
    for (const fragment of fragments) {
      const outcome = this.reassembler.add(fragment, record.epoch);
      if (outcome === 'old') this.resendFlight();
    }
    for (const message of this.reassembler.takeReady()) {
      if (this.isEnded) return;
      this.driver?.handle(message);
    }
  }

  private receiveAlert(plaintext: Buffer, record: DtlsRecord): void {
    let alert: Alert;
    try {
      alert = parseAlert(plaintext);
    } catch {
      this.hooks.dropped('malformed', { epoch: record.epoch, sequence: record.sequence, type: record.type });
      return;
    }
    if (this.isEstablished && record.epoch === 0) {
      // An unprotected alert after the handshake could be forged by anyone on the path.
      this.hooks.dropped('unprotected-alert', { epoch: 0, sequence: record.sequence, description: alert.description });
      return;
    }
    this.hooks.alert(alert, 'received');
    if (alert.description === AlertDescription.closeNotify) {
      void this.close('close-notify-received');
    } else if (alert.level === AlertLevel.fatal) {
      this.end(`fatal-alert-received:${alert.description}`);
    }
  }

  private latestReadEpoch(): number {
    return Math.max(...this.reads.keys());
  }

  private transmitFlight(kind: 'flight' | 'retransmission'): Promise<void> {
    const records: Buffer[] = [];
    for (const item of this.flight) {
      if (item.kind === 'ccs') {
        records.push(this.protect(ContentType.changeCipherSpec, item.epoch, Buffer.from([1])));
        continue;
      }
      const maxFragment = Math.max(16, this.maxDatagram - FLIGHT_OVERHEAD);
      for (const fragment of fragmentMessage(item.message, maxFragment)) {
        records.push(this.protect(ContentType.handshake, item.epoch, fragment));
      }
    }
    return this.hooks.transmit(packDatagrams(records, this.maxDatagram), kind);
  }

  /** One record under the epoch's keys with that epoch's next sequence number. */
  protect(type: number, epoch: number, plaintext: Buffer): Buffer {
    const state = this.writes.get(epoch);
    if (!state) throw new RangeError(`no write keys for epoch ${epoch}`);
    const sequence = state.nextSequence++;
    if (sequence > MAX_SEQUENCE) throw new RangeError('record sequence number space exhausted');
    const context = { type, version: DTLS_1_2, epoch, sequence };
    const fragment = state.cipher ? state.cipher.protect(context, plaintext) : plaintext;
    return encodeRecord({ ...context, fragment });
  }
}

/** Puts records into as few datagrams as fit under maxDatagram (a record is never split). */
export function packDatagrams(records: Buffer[], maxDatagram: number): Buffer[] {
  const out: Buffer[] = [];
  let current: Buffer[] = [];
  let size = 0;
  for (const record of records) {
    if (current.length > 0 && size + record.length > maxDatagram) {
      out.push(Buffer.concat(current));
      current = [];
      size = 0;
    }
    current.push(record);
    size += record.length;
  }
  if (current.length > 0) out.push(Buffer.concat(current));
  return out;
}
