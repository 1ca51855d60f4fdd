/**
 * Sends a CoAP request to the device exactly as given (e.g. non-confirmable), through the reference server's
 * own messaging layer so that it is traced like every other exchange.
 *
 * The LwM2M server's public API only sends confirmable requests; until it offers a raw request of its own this
 * helper reaches its messaging layer through a narrow structural view. When that view no longer matches (the
 * server was refactored), the scenario ends inconclusive with that reason instead of crashing.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import type { CoapRequest, CoapResponse, RequestOptions } from '../../harness/coap/api.ts';

interface MessagingView {
  request(to: { address: string; port: number }, request: CoapRequest, options?: RequestOptions): Promise<CoapResponse>;
}

function messagingOf(ctx: ScenarioContext): MessagingView {
  const coap = (ctx.server as unknown as { coap?: Partial<MessagingView> }).coap;
  if (coap === undefined || typeof coap.request !== 'function') {
    ctx.inconclusive('the reference server offers no way to send a raw (non-confirmable) request');
  }
  return coap as MessagingView;
}

/** Sends `request` to the device's registered address; TimeoutError when nothing answers within timeoutMs. */
export function sendRawRequest(ctx: ScenarioContext, request: CoapRequest, options: RequestOptions): Promise<CoapResponse> {
  const registration = ctx.registration();
  const path = registration.rootPath === '/' ? request.path : [...registration.rootPath.split('/').filter((s) => s !== ''), ...request.path];
  return messagingOf(ctx).request(registration.address, { ...request, path }, options);
}
