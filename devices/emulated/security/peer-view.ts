import type { DatagramHandler, DatagramTransport, Endpoint } from '../../../harness/net/transport.ts';
import { HandlerSet } from '../../../harness/net/handlers.ts';

/**
 * One peer's share of a transport used by several: it receives what the owner hands it (deliver) and
 * sends through the shared transport; closing it detaches it without closing the shared socket.
 */
export class PeerView implements DatagramTransport {
  private readonly handlers = new HandlerSet();
  private closed = false;

  constructor(private readonly shared: DatagramTransport) {}

  get local(): Endpoint {
    return this.shared.local;
  }

  deliver(data: Buffer, from: Endpoint): void {
    if (!this.closed) this.handlers.dispatch(data, from);
  }

  send(data: Buffer, to: Endpoint): Promise<void> {
    return this.shared.send(data, to);
  }

  onMessage(handler: DatagramHandler): () => void {
    return this.handlers.add(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
  }
}
