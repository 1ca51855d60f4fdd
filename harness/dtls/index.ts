// The DTLS layer's public pieces (DESIGN §3.5): server and client transports, credentials, faults, events.
export { DtlsServerTransport } from './dtls-server-transport.ts';
export type { DtlsServerOptions, DtlsServerStats, DtlsSessionInfo } from './dtls-server-transport.ts';
export { DtlsClientTransport } from './dtls-client-transport.ts';
export type { DtlsClientOptions, DtlsClientSession } from './dtls-client-transport.ts';
export { PskStore } from './psk-store.ts';
export type { CredentialStore } from './psk-store.ts';
export { DtlsFaults } from './faults.ts';
export type { FaultEvent, FlipBitOptions, RecordedRecord } from './faults.ts';
export type {
  AlertEvent, DropCounters, DropReason, DtlsEventHook, DtlsEventMap, DtlsEventName, HandshakeCompleteEvent,
  HandshakeFailedEvent, RecordDroppedEvent, SessionClosedEvent,
} from './events.ts';
export { DtlsClosedError, DtlsDecodeError, DtlsError, HandshakeFailedError, NoSessionError } from './errors.ts';
export { ALL_SUITES, suiteById, suiteByName } from './ciphers/suites.ts';
export type { CipherSuiteName } from './ciphers/suites.ts';
export { ContentType } from './constants.ts';
export { AlertDescription, alertName } from './alerts.ts';
export { INITIAL_RETRANSMIT_MS, MAX_RETRANSMIT_MS } from './retransmit.ts';
