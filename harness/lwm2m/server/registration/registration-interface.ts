import type { IncomingRequest, OutgoingResponse } from '../../../coap/api.ts';
import { ProtocolViolation } from '../protocol-error.ts';
import { parseRegister, parseUpdate } from './parse-registration.ts';
import type { RegistrationStore } from './registration-store.ts';

/**
 * The server side of the Registration interface: POST /rd (Register), POST /rd/{id} (Update),
 * DELETE /rd/{id} (De-register). Answers per the TS: 2.01 with Location-Path, 2.04, 2.02; 4.04 for an unknown
 * registration id; bad requests throw ProtocolViolation with the code to send.
 */
export interface RegistrationAnswer {
  response: OutgoingResponse;
  /** Tolerated oddities of the request (unknown parameters, missing lwm2m=, ...), for the trace. */
  warnings: string[];
}

export function handleRegistrationRequest(request: IncomingRequest, store: RegistrationStore): RegistrationAnswer {
  const [, id, ...rest] = request.path;
  if (rest.length > 0) throw new ProtocolViolation(`no such registration resource /${request.path.join('/')}`, '4.04');
  if (id === undefined) {
    if (request.method !== 'POST') throw new ProtocolViolation(`${request.method} is not allowed on /rd`, '4.05');
    const params = parseRegister(request.query, request.payload, request.contentFormat);
    const registration = store.register(params, request.from);
    return { response: { code: '2.01', locationPath: [...registration.location] }, warnings: params.warnings };
  }
  const current = store.byId(id);
  if (request.method === 'POST') {
    if (current === undefined) return { response: { code: '4.04' }, warnings: [] };
    const params = parseUpdate(request.query, request.payload, request.contentFormat, current.version);
    store.update(id, params, request.from);
    return { response: { code: '2.04' }, warnings: params.warnings };
  }
  if (request.method === 'DELETE') {
    if (current === undefined) return { response: { code: '4.04' }, warnings: [] };
    store.deregister(id);
    return { response: { code: '2.02' }, warnings: [] };
  }
  throw new ProtocolViolation(`${request.method} is not allowed on /rd/${id}`, '4.05');
}
