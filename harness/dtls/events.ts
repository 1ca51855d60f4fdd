import type { Endpoint } from '../net/transport.ts';
import { alertName, AlertLevel, type Alert } from './alerts.ts';
import type { CipherSuiteName } from './ciphers/suites.ts';

/** Why a datagram or record was dropped without an answer (counted, and reported to the event hook). */
export type DropReason =
  | 'bad-mac'
  | 'replayed'
  | 'too-old'
  | 'unknown-epoch'
  | 'malformed'
  | 'no-session'
  | 'bad-cookie'
  | 'not-established'
  | 'unprotected-alert'
  | 'unexpected-message'
  | 'fault-injected';

export interface HandshakeCompleteEvent {
  peer: Endpoint;
  identity: string;
  cipherSuite: CipherSuiteName;
  resumed: boolean;
  extendedMasterSecret: boolean;
}

export interface HandshakeFailedEvent {
  peer: Endpoint;
  /** Short machine-friendly reason, e.g. "unknown-psk-identity", "bad-finished", "bad-record-mac", "timeout". */
  reason: string;
}

export interface RecordDroppedEvent {
  peer: Endpoint;
  reason: DropReason;
  detail: Record<string, unknown>;
}

export interface AlertEvent {
  peer: Endpoint;
  direction: 'received' | 'sent';
  level: 'warning' | 'fatal';
  description: number;
  /** e.g. "close_notify(0)" */
  name: string;
}

/** The `alert` event of an alert sent to or received from `peer`. */
export function alertEvent(peer: Endpoint, alert: Alert, direction: AlertEvent['direction']): AlertEvent {
  return { peer, direction, level: alert.level === AlertLevel.fatal ? 'fatal' : 'warning', description: alert.description, name: alertName(alert.description) };
}

export interface SessionClosedEvent {
  peer: Endpoint;
  reason: string;
}

/** Every event of a DTLS transport, by name. */
export interface DtlsEventMap {
  handshakeComplete: HandshakeCompleteEvent;
  handshakeFailed: HandshakeFailedEvent;
  recordDropped: RecordDroppedEvent;
  alert: AlertEvent;
  sessionClosed: SessionClosedEvent;
}

export type DtlsEventName = keyof DtlsEventMap;

/** The injected trace hook sees every event with its name. */
export type DtlsEventHook = <K extends DtlsEventName>(name: K, event: DtlsEventMap[K]) => void;

/** A tiny typed listener registry (no EventEmitter: listeners that throw must not break the record layer). */
export class DtlsEvents {
  private readonly listeners = new Map<DtlsEventName, Set<(event: never) => void>>();

  constructor(private readonly hook?: DtlsEventHook, private readonly onListenerError?: (error: unknown) => void) {}

  on<K extends DtlsEventName>(name: K, listener: (event: DtlsEventMap[K]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    const entry = listener as (event: never) => void;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  emit<K extends DtlsEventName>(name: K, event: DtlsEventMap[K]): void {
    this.safely(() => this.hook?.(name, event));
    for (const listener of [...(this.listeners.get(name) ?? [])]) {
      this.safely(() => (listener as (event: DtlsEventMap[K]) => void)(event));
    }
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      if (this.onListenerError) this.onListenerError(error);
      else queueMicrotask(() => {
        throw error;
      });
    }
  }
}

/** Counts of dropped records by reason. */
export type DropCounters = Partial<Record<DropReason, number>>;
