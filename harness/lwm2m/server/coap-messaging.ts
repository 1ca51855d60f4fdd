import type {
  CoapRequest,
  CoapResponse,
  NotificationHandler,
  Observation,
  RequestHandler,
  RequestOptions,
} from '../../coap/api.ts';
import type { Endpoint } from '../../net/transport.ts';

/**
 * The part of the CoAP endpoint (harness/coap/endpoint.ts) the LwM2M and bootstrap servers use. Written as an
 * interface so tests can hand in a scripted stand-in and the servers stay decoupled from its construction.
 */
export interface CoapMessaging {
  request(to: Endpoint, request: CoapRequest, options?: RequestOptions): Promise<CoapResponse>;
  observe(to: Endpoint, request: CoapRequest, onNotification: NotificationHandler, options?: RequestOptions): Promise<Observation>;
  setRequestHandler(handler: RequestHandler): void;
  close(): void | Promise<void>;
}
