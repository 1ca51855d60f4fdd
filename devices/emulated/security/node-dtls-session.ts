/**
 * One DTLS PSK session to one peer through node-dtls-client 2.0.3: an implementation independent of the
 * harness's own DTLS (DESIGN §3.4 wants the emulated client independent of the server). It opens its own UDP
 * socket, so it serves only over real UDP (the standalone `lwm2m-hil client`), not on the simulated network,
 * and it does not retransmit lost handshake flights (CoAP's retransmission of the Register starts a new
 * handshake after a failed one). Datagrams sent before the handshake completes wait for it.
 */
import { dtls } from 'node-dtls-client';
import { inspect } from 'node:util';
import type { PskCredential } from '../../../harness/engine/device.ts';
import { HarnessError } from '../../../harness/errors.ts';
import { HandlerSet } from '../../../harness/net/handlers.ts';
import type { DatagramHandler, DatagramTransport, Endpoint } from '../../../harness/net/transport.ts';

/** Long enough for a handshake over a lab link; node-dtls-client gives up the connection after it. */
const HANDSHAKE_TIMEOUT_MS = 10_000;

export class NodeDtlsSessionError extends HarnessError {}

interface Waiting {
  data: Buffer;
  resolve(): void;
  reject(error: unknown): void;
}

export class NodeDtlsSession implements DatagramTransport {
  private readonly handlers = new HandlerSet();
  private socket: dtls.Socket | undefined;
  private connected = false;
  private waiting: Waiting[] = [];
  private closed = false;

  constructor(
    private readonly peer: Endpoint,
    private readonly psk: PskCredential,
    private readonly onEvent?: (line: string) => void,
  ) {}

  get local(): Endpoint {
    return { address: this.peer.address.includes(':') ? '::' : '0.0.0.0', port: 0 };
  }

  onMessage(handler: DatagramHandler): () => void {
    return this.handlers.add(handler);
  }

  send(data: Buffer): Promise<void> {
    if (this.closed) return Promise.reject(new NodeDtlsSessionError('DTLS session closed', { context: { peer: this.peer } }));
    const socket = this.socket ?? this.open();
    if (this.connected) {
      return new Promise((resolve, reject) => socket.send(data, (error) => (error ? reject(error) : resolve())));
    }
    return new Promise((resolve, reject) => this.waiting.push({ data, resolve, reject }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handlers.clear();
    this.fail(new NodeDtlsSessionError('DTLS session closed', { context: { peer: this.peer } }));
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => {
      try {
        socket.close(() => resolve());
      } catch {
        resolve(); // already closed by an error
      }
    });
  }

  /** Printed forms show the identity only, never the key. */
  [inspect.custom](): string {
    return `NodeDtlsSession ${JSON.stringify({ peer: this.peer, identity: this.psk.identity, key: '[redacted]', connected: this.connected })}`;
  }

  private open(): dtls.Socket {
    const socket = dtls.createSocket({
      type: this.peer.address.includes(':') ? 'udp6' : 'udp4',
      address: this.peer.address,
      port: this.peer.port,
      timeout: HANDSHAKE_TIMEOUT_MS,
      psk: { [this.psk.identity]: Buffer.from(this.psk.key) },
    });
    this.socket = socket;
    this.connected = false;
    socket.on('connected', () => {
      this.connected = true;
      this.onEvent?.('dtls handshake complete (node-dtls-client)');
      const queued = this.waiting;
      this.waiting = [];
      for (const w of queued) socket.send(w.data, (error) => (error ? w.reject(error) : w.resolve()));
    });
    socket.on('message', (message: Buffer) => this.handlers.dispatch(message, this.peer));
    const ended = (why: string): void => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.connected = false;
      this.onEvent?.(`dtls session ended (node-dtls-client): ${why}`);
      this.fail(new NodeDtlsSessionError(`DTLS session with ${this.peer.address}:${this.peer.port} ended: ${why}`, { context: { peer: this.peer } }));
    };
    socket.on('error', (error: Error) => ended(error.message));
    socket.on('close', () => ended('closed'));
    return socket;
  }

  private fail(error: Error): void {
    const queued = this.waiting;
    this.waiting = [];
    for (const w of queued) w.reject(error);
  }
}
