import type { ClientCoap } from './client-coap.ts';
import { ClientRequestError } from './client-coap.ts';
import { endpointKey } from '../../harness/net/transport.ts';
import { DownloadError, type PackageLocation } from './objects/package-uri.ts';

/**
 * The pull method's fetch: one CoAP GET on the package location; node-coap follows Block2 block by block
 * and hands over the reassembled package. A server that stops answering mid-transfer makes the request run
 * out of retransmissions (given up at MAX_TRANSMIT_WAIT, client-coap.ts): 'no-answer'.
 */
export async function downloadPackage(coap: ClientCoap | undefined, location: PackageLocation): Promise<Buffer> {
  const where = { server: endpointKey(location.endpoint), path: `/${location.path.join('/')}` };
  if (!coap) throw new DownloadError('emulated client is offline', 'offline', where);
  try {
    const res = await coap.request(location.endpoint, { method: 'GET', path: location.path });
    if (!res.code.startsWith('2.')) throw new DownloadError(`package server answered ${res.code}`, 'refused', { ...where, code: res.code });
    return res.payload;
  } catch (err) {
    if (err instanceof DownloadError) throw err;
    if (err instanceof ClientRequestError) throw new DownloadError(`package download: ${err.message}`, 'no-answer', where);
    throw err;
  }
}
