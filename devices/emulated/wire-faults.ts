import packet from 'coap-packet';
import type { WireHooks } from './dgram-adapter.ts';
import { FaultHook, type FaultSet } from './faults.ts';

/**
 * CoAP reliability faults applied to the datagrams node-coap sends (HLF-036), below its message layer:
 * - no-retransmission: a confirmable message goes out once; its retransmissions are dropped.
 * - no-ack-to-con: no ACK for the server's confirmable messages; a piggybacked response goes out as a
 *   separate non-confirmable response instead, an empty ACK not at all.
 */
export function wireFaults(faults: FaultSet): WireHooks['outbound'] | undefined {
  const noRetransmit = faults.has(FaultHook.NO_RETRANSMISSION);
  const noAck = faults.has(FaultHook.NO_ACK_TO_CON);
  if (!noRetransmit && !noAck) return undefined;
  const sentCon = new Set<number>();
  let nextMessageId = 0x7000;
  return (data) => {
    let parsed;
    try {
      parsed = packet.parse(data);
    } catch {
      return data;
    }
    if (noRetransmit && parsed.confirmable) {
      if (sentCon.has(parsed.messageId)) return undefined;
      sentCon.add(parsed.messageId);
      if (sentCon.size > 1024) sentCon.delete(sentCon.values().next().value as number);
    }
    if (noAck && parsed.ack) {
      if (parsed.code === '0.00') return undefined;
      nextMessageId = (nextMessageId + 1) & 0xffff;
      return packet.generate({ ...parsed, ack: false, confirmable: false, messageId: nextMessageId });
    }
    return data;
  };
}
