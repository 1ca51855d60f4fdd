/**
 * The emulated client's traffic, secured per peer as its Security objects say (peer-security.ts): a DTLS PSK
 * session for each coaps:// account (the bootstrap server's and each LwM2M server's, each with its own
 * credentials), plain CoAP for coap:// accounts and for peers no account names. node-coap writes plaintext
 * CoAP to this transport; the sessions live as long as it does (the client opens one per boot, so a reboot
 * starts new handshakes, as on a real device). A session whose account's credentials change (a bootstrap
 * wrote new ones) is replaced on the next send.
 *
 * The security faults of the catalogue act here: NOSEC_ONLY ignores the accounts' security and sends plain
 * CoAP to every peer; the others weaken the DTLS sessions (secure-client-transport.ts).
 */
import { inspect } from 'node:util';
import type { Clock } from '../../../harness/clock/clock.ts';
import type { DatagramHandler, DatagramTransport, Endpoint } from '../../../harness/net/transport.ts';
import { endpointKey } from '../../../harness/net/transport.ts';
import { HandlerSet } from '../../../harness/net/handlers.ts';
import { FaultHook, type FaultSet } from '../faults.ts';
import type { PskCredential } from '../../../harness/engine/device.ts';
import type { PeerSecurity } from './peer-security.ts';
import { PeerView } from './peer-view.ts';
import { SecureClientTransport } from './secure-client-transport.ts';

export interface PeerSecurityTransportOptions {
  /** The device's socket; it stays open when this closes. */
  inner: DatagramTransport;
  clock: Clock;
  /** The security for a peer, read live from the Security objects (undefined: no account names it). */
  securityFor(peer: Endpoint): PeerSecurity | undefined;
  faults: FaultSet;
  /** Handshake outcomes and dropped records, as console lines (never a key). */
  onEvent?(line: string): void;
  /**
   * Another DTLS implementation for the sessions (node-dtls-client over real UDP: node-dtls-session.ts); it
   * opens its own socket. Default: harness/dtls's client side over `inner`, which the security faults act on.
   */
  sessions?: DtlsSessionFactory;
}

/** Makes the DTLS session to one peer; its datagrams come out of its onMessage. */
export type DtlsSessionFactory = (peer: Endpoint, psk: PskCredential, onEvent?: (line: string) => void) => DatagramTransport;

interface PeerSession {
  /** Set when the session runs over the shared socket (datagrams from the peer are handed to it). */
  view?: PeerView;
  secure: DatagramTransport;
  identity: string;
  key: Buffer;
}

export class PeerSecurityTransport implements DatagramTransport {
  private readonly handlers = new HandlerSet();
  private readonly sessions = new Map<string, PeerSession>();
  private readonly stopInner: () => void;
  private closed = false;

  constructor(private readonly options: PeerSecurityTransportOptions) {
    this.stopInner = options.inner.onMessage((data, from) => {
      const session = this.sessions.get(endpointKey(from));
      if (session?.view) session.view.deliver(data, from);
      else this.handlers.dispatch(data, from);
    });
  }

  get local(): Endpoint {
    return this.options.inner.local;
  }

  onMessage(handler: DatagramHandler): () => void {
    return this.handlers.add(handler);
  }

  async send(data: Buffer, to: Endpoint): Promise<void> {
    if (this.closed) return;
    const security = this.options.faults.has(FaultHook.NOSEC_ONLY) ? undefined : this.options.securityFor(to);
    if (security === undefined || security.mode === 'nosec') {
      await this.dropSession(to);
      return this.options.inner.send(data, to);
    }
    await this.sessionFor(to, security.psk).secure.send(data, to);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopInner();
    this.handlers.clear();
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map((s) => s.secure.close().catch(() => undefined)));
  }

  /** Printed forms name the peers and identities, never a key. */
  [inspect.custom](): string {
    return `PeerSecurityTransport ${JSON.stringify(this.toJSON())}`;
  }

  toJSON(): Record<string, unknown> {
    return { kind: 'PeerSecurityTransport', sessions: [...this.sessions.entries()].map(([peer, s]) => ({ peer, identity: s.identity, key: '[redacted]' })) };
  }

  private sessionFor(peer: Endpoint, psk: PskCredential): PeerSession {
    const key = endpointKey(peer);
    const current = this.sessions.get(key);
    if (current && current.identity === psk.identity && current.key.equals(psk.key)) return current;
    if (current) void this.dropSession(peer);
    const factory = this.options.sessions;
    const opened = factory ? { secure: factory(peer, psk, this.options.onEvent) } : this.harnessSession(peer, psk);
    opened.secure.onMessage((data, from) => this.handlers.dispatch(data, from));
    const session: PeerSession = { ...opened, identity: psk.identity, key: Buffer.from(psk.key) };
    this.sessions.set(key, session);
    return session;
  }

  /** harness/dtls's client side over this peer's share of the device's socket; the security faults act on it. */
  private harnessSession(peer: Endpoint, psk: PskCredential): { view: PeerView; secure: DatagramTransport } {
    const view = new PeerView(this.options.inner);
    const faults = this.options.faults;
    const secure = new SecureClientTransport({
      inner: view,
      clock: this.options.clock,
      server: peer,
      psk,
      faults: {
        acceptReplays: faults.has(FaultHook.ACCEPTS_REPLAYED_RECORD),
        skipMacCheck: faults.has(FaultHook.SKIPS_MAC_CHECK),
        acceptAnyServerKey: faults.has(FaultHook.ACCEPTS_ANY_SERVER_KEY),
        plaintextCopies: faults.has(FaultHook.PLAINTEXT_AFTER_HANDSHAKE),
      },
      ...(this.options.onEvent ? { onEvent: this.options.onEvent } : {}),
    });
    return { view, secure };
  }

  private async dropSession(peer: Endpoint): Promise<void> {
    const key = endpointKey(peer);
    const session = this.sessions.get(key);
    if (!session) return;
    this.sessions.delete(key);
    await session.secure.close().catch(() => undefined);
  }
}
