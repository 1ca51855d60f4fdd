import packet, { type ParsedPacket } from 'coap-packet';
import { endpointKey, type Endpoint } from '../../harness/net/transport.ts';

/** How many sent notifications are remembered per client (a bounded set; older ones fall out first). */
const REMEMBERED = 1024;

/**
 * The `ignore-rst-on-notification` fault: firmware that takes an RST answering a notification for an ACK.
 * node-coap ends an observation when an RST matches a notification it sent; this rewrites such an RST into
 * an empty ACK with the same message id before node-coap sees it, so the CON notification counts as
 * delivered (no retransmission) and the observation runs on. Notifications are confirmable when the
 * Observe request was (the reference server's always is); an RST to a non-confirmable one is rewritten the
 * same way. Every other datagram passes unchanged.
 */
export class RstAsAck {
  /** Message ids of notifications sent, keyed by peer and id. */
  private readonly notifications = new Set<string>();

  /** Watches outgoing datagrams (the adapter's outbound hook) for notifications: responses with Observe. */
  sent(data: Buffer, to: Endpoint): void {
    const parsed = parseOrUndefined(data);
    if (!parsed || !isNotification(parsed)) return;
    this.notifications.add(key(to, parsed.messageId));
    if (this.notifications.size > REMEMBERED) this.notifications.delete(this.notifications.values().next().value as string);
  }

  /** For the adapter's inbound hook: the datagram node-coap should see. */
  received(data: Buffer, from: Endpoint): Buffer {
    const parsed = parseOrUndefined(data);
    if (!parsed || !parsed.reset || !this.notifications.has(key(from, parsed.messageId))) return data;
    return packet.generate({ code: '0.00', messageId: parsed.messageId, ack: true, confirmable: false, reset: false });
  }
}

function isNotification(p: ParsedPacket): boolean {
  // A response code (2.xx-5.xx) that is not the piggybacked answer (an ACK) and carries Observe.
  return !p.ack && !p.reset && !p.code.startsWith('0.') && p.options.some((o) => o.name === 'Observe');
}

function key(peer: Endpoint, messageId: number): string {
  return `${endpointKey(peer)}#${messageId}`;
}

function parseOrUndefined(data: Buffer): ParsedPacket | undefined {
  try {
    return packet.parse(data);
  } catch {
    return undefined;
  }
}
