import { HarnessError } from '../errors.ts';
import type { Endpoint } from '../net/transport.ts';
import { endpointKey } from '../net/transport.ts';

/** A DTLS problem: a malformed message, a failed handshake, a send without a session. */
export class DtlsError extends HarnessError {}

/** Bytes that do not parse as the DTLS structure they should be (a peer's bug or a tampered datagram). */
export class DtlsDecodeError extends DtlsError {
  constructor(what: string, context: Record<string, unknown> = {}) {
    super(`malformed DTLS ${what}`, { origin: 'device', context });
  }
}

/** send() to a peer that has no established DTLS session. */
export class NoSessionError extends DtlsError {
  constructor(peer: Endpoint) {
    super(`no DTLS session with ${endpointKey(peer)}`, { origin: 'harness', context: { peer: endpointKey(peer) } });
  }
}

/** A handshake that ended without a session (alert, bad Finished, too many retransmissions). */
export class HandshakeFailedError extends DtlsError {
  constructor(peer: Endpoint, reason: string, context: Record<string, unknown> = {}) {
    super(`DTLS handshake with ${endpointKey(peer)} failed: ${reason}`, { origin: 'device', context: { ...context, peer: endpointKey(peer), reason } });
  }
}

/** The transport was used after close(). */
export class DtlsClosedError extends DtlsError {
  constructor(what: string) {
    super(`DTLS transport is closed: ${what}`, { origin: 'harness' });
  }
}
