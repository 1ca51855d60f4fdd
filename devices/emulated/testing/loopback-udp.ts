import dgram from 'node:dgram';
import type { DatagramHandler, DatagramTransport, Endpoint } from '../../../harness/net/transport.ts';

/**
 * A minimal real-UDP transport on 127.0.0.1 for this folder's tests, so they do not depend on
 * harness/net's transports being finished. Loopback only.
 */
export class LoopbackUdp implements DatagramTransport {
  private readonly handlers = new Set<DatagramHandler>();
  private closed = false;

  private constructor(private readonly socket: dgram.Socket, readonly local: Endpoint) {
    socket.on('message', (data, rinfo) => {
      for (const h of [...this.handlers]) h(data, { address: rinfo.address, port: rinfo.port });
    });
    socket.on('error', () => {
      // ICMP port-unreachable and friends: a test peer that went away is not a crash.
    });
  }

  static async open(): Promise<LoopbackUdp> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    const { address, port } = socket.address();
    return new LoopbackUdp(socket, { address, port });
  }

  send(data: Buffer, to: Endpoint): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.send(data, to.port, to.address, (err) => (err ? reject(err) : resolve()));
    });
  }

  onMessage(handler: DatagramHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}
