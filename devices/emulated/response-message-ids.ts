/**
 * Seeded message ids for what node-coap's server side sends on its own (notifications and separate
 * responses: CON or NON messages with a response code). node-coap takes those ids from coap-packet's counter,
 * which is module-wide, starts at a Math.random value and is shared by every client in the process, so two
 * runs with the same seed would put different ids on the wire. This renumbers them from a counter of the
 * client's own (seeded) and maps the server's ACK or RST back to the id node-coap knows, so its
 * retransmission and Observe bookkeeping are unaffected. Piggybacked answers (ACK type) keep the request's id.
 */

const TYPE_CON = 0;
const TYPE_NON = 1;
const TYPE_ACK = 2;
const TYPE_RST = 3;
const HEADER = 4;
/** Ids remembered for mapping ACKs back; far more than can be in flight within EXCHANGE_LIFETIME here. */
const REMEMBERED = 4096;

export class ResponseMessageIds {
  private next: number;
  /** node-coap's id -> the id on the wire, and back. */
  private readonly toWire = new Map<number, number>();
  private readonly fromWire = new Map<number, number>();

  /** `start`: the first id on the wire (a seeded draw, kept apart from the range the client's requests use). */
  constructor(start: number) {
    this.next = start & 0xffff;
  }

  /** A datagram node-coap sends: renumbered when it is a CON/NON response; else unchanged. */
  outbound(data: Buffer): Buffer {
    if (data.length < HEADER) return data;
    const type = (data[0] as number) >> 4 & 0x03;
    const codeClass = (data[1] as number) >> 5;
    if ((type !== TYPE_CON && type !== TYPE_NON) || codeClass < 2) return data;
    const original = data.readUInt16BE(2);
    let wire = this.toWire.get(original);
    if (wire === undefined) {
      wire = this.next;
      this.next = (this.next + 1) & 0xffff;
      this.remember(original, wire);
    }
    const out = Buffer.from(data);
    out.writeUInt16BE(wire, 2);
    return out;
  }

  /** A datagram from the network: an ACK or RST of a renumbered message gets node-coap's id back. */
  inbound(data: Buffer): Buffer {
    if (data.length < HEADER) return data;
    const type = (data[0] as number) >> 4 & 0x03;
    if (type !== TYPE_ACK && type !== TYPE_RST) return data;
    const original = this.fromWire.get(data.readUInt16BE(2));
    if (original === undefined) return data;
    const out = Buffer.from(data);
    out.writeUInt16BE(original, 2);
    return out;
  }

  private remember(original: number, wire: number): void {
    const stale = this.fromWire.get(wire);
    if (stale !== undefined) this.toWire.delete(stale);
    this.toWire.set(original, wire);
    this.fromWire.set(wire, original);
    if (this.toWire.size > REMEMBERED) {
      const [oldest] = this.toWire;
      if (oldest) {
        this.toWire.delete(oldest[0]);
        this.fromWire.delete(oldest[1]);
      }
    }
  }
}
