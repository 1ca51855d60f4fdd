import dgram from 'node:dgram';
import { isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import type { DatagramHandler, DatagramTransport, Endpoint } from './transport.ts';
import { endpointKey } from './transport.ts';
import { HandlerSet } from './handlers.ts';
import { PortInUseError, SendError, TransportClosedError, TransportError } from './errors.ts';

const V4_MAPPED_PREFIX = '::ffff:';

/**
 * Real UDP over node:dgram. The socket family follows the bind address ("::1" -> udp6, "127.0.0.1" -> udp4).
 * Socket errors (an ICMP port-unreachable reported on a later call, for instance) never crash the process:
 * they go to onError listeners. A udp6 socket bound to "::" also reaches IPv4 peers through v4-mapped
 * addresses; peers are always reported in plain form ("127.0.0.1", never "::ffff:127.0.0.1") so that the
 * same device compares equal whichever socket saw it.
 */
export class UdpTransport implements DatagramTransport {
  private readonly handlers = new HandlerSet();
  private pendingSends = 0;
  private errorsSeen = 0;
  private closed = false;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly socket: dgram.Socket,
    readonly local: Endpoint,
    readonly family: 'udp4' | 'udp6',
  ) {
    socket.on('message', (data, rinfo) => {
      this.handlers.dispatch(data, { address: plainAddress(rinfo.address), port: rinfo.port });
    });
    socket.on('error', (error) => {
      this.errorsSeen++;
      this.handlers.reportError(new TransportError(`UDP socket ${endpointKey(local)} reported an error`, { local: endpointKey(local) }, error), false);
    });
  }

  /** Opens a socket on bind (port 0 = an ephemeral port; `local` then holds the port the OS gave). */
  static async open(bind: Endpoint): Promise<UdpTransport> {
    const address = await resolveAddress(bind.address);
    const family = isIP(address) === 6 ? 'udp6' : 'udp4';
    const socket = dgram.createSocket({ type: family, reuseAddr: false });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        socket.close();
        if (error.code === 'EADDRINUSE') reject(new PortInUseError({ address, port: bind.port }, error));
        else reject(new TransportError(`cannot bind UDP ${endpointKey({ address, port: bind.port })}: ${error.message}`, { bind: endpointKey({ address, port: bind.port }), code: error.code }, error));
      };
      socket.once('error', onError);
      socket.bind(bind.port, address, () => {
        socket.off('error', onError);
        resolve();
      });
    });
    const bound = socket.address();
    return new UdpTransport(socket, { address: plainAddress(bound.address), port: bound.port }, family);
  }

  send(data: Buffer, to: Endpoint): Promise<void> {
    if (this.closed) return Promise.reject(new TransportClosedError(this.local, `send to ${endpointKey(to)}`));
    if (!Number.isInteger(to.port) || to.port <= 0 || to.port > 65535) {
      return Promise.reject(new SendError(to, 'invalid port', { local: endpointKey(this.local) }));
    }
    const address = this.wireAddress(to.address);
    this.pendingSends++;
    return new Promise<void>((resolve, reject) => {
      const done = (error: Error | null): void => {
        this.pendingSends--;
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          reject(new SendError(to, error.message, { local: endpointKey(this.local), code }, error));
        } else resolve();
      };
      try {
        this.socket.send(data, to.port, address, done);
      } catch (error) {
        // dgram throws synchronously for some bad arguments (e.g. a socket closed underneath).
        done(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  onMessage(handler: DatagramHandler): () => void {
    return this.handlers.add(handler);
  }

  /** Socket-level errors (counted, never fatal) and receivers that threw (re-thrown when nobody listens). */
  onError(listener: (error: unknown) => void): () => void {
    return this.handlers.onError(listener);
  }

  /** Errors the socket reported (ICMP unreachable on some platforms); never fatal. */
  get socketErrors(): number {
    return this.errorsSeen;
  }

  /** Sends handed to the OS whose completion has not come back yet (a busy source for the virtual clock). */
  inFlight(): number {
    return this.pendingSends;
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    this.handlers.clear();
    this.closing = new Promise<void>((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve(); // already closed by the OS
      }
    });
    return this.closing;
  }

  /** A udp6 socket needs IPv4 destinations in v4-mapped form. */
  private wireAddress(address: string): string {
    if (this.family === 'udp6' && isIP(address) === 4) return V4_MAPPED_PREFIX + address;
    return address;
  }
}

function plainAddress(address: string): string {
  if (address.toLowerCase().startsWith(V4_MAPPED_PREFIX) && isIP(address.slice(V4_MAPPED_PREFIX.length)) === 4) {
    return address.slice(V4_MAPPED_PREFIX.length);
  }
  return address;
}

async function resolveAddress(address: string): Promise<string> {
  if (isIP(address) !== 0) return address;
  try {
    return (await lookup(address)).address;
  } catch (error) {
    throw new TransportError(`cannot resolve bind address "${address}"`, { address }, error);
  }
}
