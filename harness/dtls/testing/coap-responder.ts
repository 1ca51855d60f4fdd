import packet from 'coap-packet';
import type { DatagramTransport } from '../../net/transport.ts';

/**
 * A tiny CoAP responder for interop tests (kept independent of harness/coap so this folder tests alone):
 * answers every confirmable GET with a piggybacked 2.05 whose payload is `reply(path)`.
 */
export function serveCoap(transport: DatagramTransport, reply: (path: string) => string): () => void {
  return transport.onMessage((data, from) => {
    let request;
    try {
      request = packet.parse(data);
    } catch {
      return;
    }
    if (request.code !== '0.01' && request.code !== 'GET') return;
    const path = request.options
      .filter((o) => o.name === 'Uri-Path')
      .map((o) => o.value.toString('utf8'))
      .join('/');
    const response = packet.generate({
      messageId: request.messageId,
      token: request.token,
      code: '2.05',
      confirmable: false,
      ack: request.confirmable,
      options: [{ name: 'Content-Format', value: Buffer.from([0]) }],
      payload: Buffer.from(reply(path), 'utf8'),
    });
    transport.send(response, from).catch(() => undefined);
  });
}

/** A confirmable GET for the given path with a fixed message id and token. */
export function coapGet(path: string, messageId = 0x1234): Buffer {
  return packet.generate({
    messageId,
    token: Buffer.from([1, 2, 3, 4]),
    code: 'GET',
    confirmable: true,
    options: path.split('/').filter(Boolean).map((segment) => ({ name: 'Uri-Path' as const, value: Buffer.from(segment) })),
  });
}
