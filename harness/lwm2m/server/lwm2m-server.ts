/**
 * The reference LwM2M server (Registration, Device Management & Service Enablement, Information Reporting).
 *
 * API for the scenario engine, the `lwm2m-hil server` command and the load tests:
 *
 *   const server = await LwM2MServer.start({ transport, clock, random, trace?, registry?, queueAwakeMs? });
 *   const { registration } = await server.waitFor('registered', (e) => e.registration.endpoint === 'ep1', 30_000);
 *   server.registrations(); server.get('ep1');                       // Registration snapshots
 *   await server.read('ep1', '/3/0', { format? });                   // -> OperationResult { code, entries, raw, traceIds }
 *   await server.discover('ep1', '/3');                              // -> { links }
 *   await server.write('ep1', '/1/0/1', entries, { mode: 'replace' | 'update', format? });
 *   await server.writeAttributes('ep1', '/3/0/13', { pmin: 5, pmax: 60 });
 *   await server.execute('ep1', '/3/0/4', "0='a',1" | [{ id: 0, value: 'a' }]);
 *   await server.create('ep1', '/3303', entries, instanceId?);      // -> { created: LwM2MPath }
 *   await server.delete('ep1', '/3303/1');
 *   const obs = await server.observe('ep1', '/3/0/13', { onNotification? });  // obs.notifications, obs.cancel('rst'|'get')
 *   server.on('notification' | 'registered' | 'updated' | 'deregistered' | 'expired' | 'awake' | 'sleeping'
 *             | 'protocolError', listener);
 *   await server.close();
 *
 * Client error answers (4.xx, 5.xx) come back in OperationResult.code, never as exceptions. Operations throw
 * TimeoutError (no answer within timeoutMs of the run's clock), UnknownClientError (endpoint not registered)
 * or QueuedRequestDropped (a held queue-mode request whose client went away). Requests to a sleeping queue-mode
 * client are held until it next sends an Update or Register. A new Register cancels the client's observations.
 * waitFor only sees events from the moment it is called unless given `{ since: clockTime }`.
 */
import type { Clock } from '../../clock/clock.ts';
import type { IncomingRequest, OutgoingResponse } from '../../coap/api.ts';
import type { Trace } from '../../coap/trace.ts';
import type { DatagramTransport, Endpoint } from '../../net/transport.ts';
import type { Random } from '../../random.ts';
import type { ObjectRegistry } from '../model/index.ts';
import type { LwM2MPath } from '../path.ts';
import type { ResourceEntry } from '../values.ts';
import { ClientChannel, DEFAULT_OPERATION_TIMEOUT_MS, type SendOptions } from './client-channel.ts';
import type { CoapMessaging } from './coap-messaging.ts';
import { serverCoap } from './default-coap.ts';
import { defaultCodecs } from './default-codecs.ts';
import {
  DeviceManagement,
  type ExecuteArgument,
  type NotificationAttributes,
  type ReadOptions,
  type WriteOptions,
} from './device-management.ts';
import { InformationReporting, type DecodedNotification, type ObservationHandle, type ObserveOptions } from './information-reporting.ts';
import type { OperationResult } from './operation-result.ts';
import type { PayloadCodecs } from './payload-codecs.ts';
import { ProtocolViolation } from './protocol-error.ts';
import { recordViolation, type ProtocolErrorEvent } from './protocol-error-event.ts';
import { QueueMode, MAX_TRANSMIT_WAIT_MS } from './registration/queue-mode.ts';
import { handleRegistrationRequest } from './registration/registration-interface.ts';
import type { RegisterParams, Registration, UpdateParams } from './registration/registration.ts';
import { RegistrationStore } from './registration/registration-store.ts';
import { WaitableEmitter } from './waitable-emitter.ts';

export interface ServerEvents {
  registered: { registration: Registration; replaced?: Registration; params: RegisterParams };
  updated: { registration: Registration; previous: Registration; params: UpdateParams };
  deregistered: { registration: Registration };
  expired: { registration: Registration };
  notification: { notification: DecodedNotification; observation: ObservationHandle };
  awake: { endpoint: string; at: number };
  sleeping: { endpoint: string; at: number };
  /** A request that broke the protocol: what was answered and why. */
  protocolError: ProtocolErrorEvent;
}

export interface LwM2MServerOptions {
  transport: DatagramTransport;
  clock: Clock;
  random: Random;
  registry?: ObjectRegistry;
  trace?: Trace;
  /** How long a queue-mode client counts as awake after its last message (default MAX_TRANSMIT_WAIT, 93 s). */
  queueAwakeMs?: number;
  /** Default timeout of each operation on the run's clock (default 93 s). */
  operationTimeoutMs?: number;
  /** Extra time after a lifetime runs out before the registration is dropped (default 0: exactly at lt). */
  expiryGraceMs?: number;
  /** Payload codecs (default: harness/lwm2m/codecs with `registry`). */
  codecs?: PayloadCodecs;
  /** A ready CoAP messaging layer on `transport` (default: a new CoapEndpoint). */
  coap?: CoapMessaging;
}

export class LwM2MServer extends WaitableEmitter<ServerEvents> {
  readonly local: Endpoint;
  private readonly store: RegistrationStore;
  private readonly queue: QueueMode;
  private readonly dm: DeviceManagement;
  private readonly reporting: InformationReporting;
  private closed = false;

  private constructor(
    private readonly coap: CoapMessaging,
    clock: Clock,
    /** Every datagram of this server (undefined only when a bare `coap` was handed in without a trace). */
    readonly trace: Trace | undefined,
    options: LwM2MServerOptions,
  ) {
    super(clock);
    this.local = options.transport.local;
    this.store = new RegistrationStore(clock, options.random.fork(), options.expiryGraceMs === undefined ? {} : { expiryGraceMs: options.expiryGraceMs });
    this.queue = new QueueMode(clock, options.queueAwakeMs ?? MAX_TRANSMIT_WAIT_MS);
    const codecs = options.codecs ?? defaultCodecs(options.registry);
    const channel = new ClientChannel(coap, clock, this.store, this.queue, options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS, trace);
    this.dm = new DeviceManagement(channel, codecs);
    this.reporting = new InformationReporting(channel, this.dm, codecs, clock, (notification, observation) => {
      if (this.store.get(notification.endpoint)?.queueMode === true) this.queue.seen(notification.endpoint);
      this.emit('notification', { notification, observation });
    });
    this.wireEvents();
    coap.setRequestHandler((request) => this.handle(request));
  }

  static async start(options: LwM2MServerOptions): Promise<LwM2MServer> {
    const { coap, trace } = serverCoap(options);
    return new LwM2MServer(coap, options.clock, trace, options);
  }

  registrations(): Registration[] {
    return this.store.all();
  }

  get(endpoint: string): Registration | undefined {
    return this.store.get(endpoint);
  }

  /** True while a queue-mode client is in its awake window (always false for other clients). */
  isAwake(endpoint: string): boolean {
    return this.queue.isAwake(endpoint);
  }

  read(endpoint: string, path: string | LwM2MPath, options?: ReadOptions): Promise<OperationResult> {
    return this.dm.read(endpoint, path, options);
  }

  discover(endpoint: string, path: string | LwM2MPath, options?: SendOptions): Promise<OperationResult> {
    return this.dm.discover(endpoint, path, options);
  }

  write(endpoint: string, path: string | LwM2MPath, entries: readonly ResourceEntry[], options?: WriteOptions): Promise<OperationResult> {
    return this.dm.write(endpoint, path, entries, options);
  }

  writeAttributes(endpoint: string, path: string | LwM2MPath, attributes: NotificationAttributes, options?: SendOptions): Promise<OperationResult> {
    return this.dm.writeAttributes(endpoint, path, attributes, options);
  }

  execute(endpoint: string, path: string | LwM2MPath, args?: string | readonly ExecuteArgument[], options?: SendOptions): Promise<OperationResult> {
    return this.dm.execute(endpoint, path, args, options);
  }

  create(endpoint: string, objectPath: string | LwM2MPath, entries: readonly ResourceEntry[], instanceId?: number, options?: WriteOptions): Promise<OperationResult> {
    return this.dm.create(endpoint, objectPath, entries, instanceId, options);
  }

  delete(endpoint: string, path: string | LwM2MPath, options?: SendOptions): Promise<OperationResult> {
    return this.dm.delete(endpoint, path, options);
  }

  observe(endpoint: string, path: string | LwM2MPath, options?: ObserveOptions): Promise<ObservationHandle> {
    return this.reporting.observe(endpoint, path, options);
  }

  /** Active observations of a client. */
  observations(endpoint: string): ObservationHandle[] {
    return this.reporting.active(endpoint);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.reporting.clearAll('server closed');
    this.queue.close();
    this.store.close();
    await this.coap.close();
  }

  private wireEvents(): void {
    this.store.on('registered', (e) => {
      this.reporting.clear(e.registration.endpoint, 'new registration');
      if (e.registration.queueMode) this.queue.seen(e.registration.endpoint);
      this.emit('registered', e);
    });
    this.store.on('updated', (e) => {
      if (e.registration.queueMode) this.queue.seen(e.registration.endpoint);
      this.emit('updated', e);
    });
    this.store.on('deregistered', (e) => {
      this.reporting.clear(e.registration.endpoint, 'de-registered');
      this.queue.forget(e.registration.endpoint, 'de-registered');
      this.emit('deregistered', e);
    });
    this.store.on('expired', (e) => {
      this.reporting.clear(e.registration.endpoint, 'registration expired');
      this.queue.forget(e.registration.endpoint, 'registration expired');
      this.emit('expired', e);
    });
    this.queue.on('awake', (e) => this.emit('awake', e));
    this.queue.on('sleeping', (e) => this.emit('sleeping', e));
  }

  /** Incoming requests: only the Registration interface lives on a LwM2M server; the rest is 4.04. */
  private handle(request: IncomingRequest): OutgoingResponse {
    try {
      if (request.path[0] === 'rd') {
        const { response, warnings } = handleRegistrationRequest(request, this.store);
        this.trace?.tag(request.traceIds, registrationOperation(request));
        const first = request.traceIds[0];
        if (first !== undefined && warnings.length > 0) this.trace?.annotate(first, warnings.join('; '));
        return response;
      }
      throw new ProtocolViolation(`no resource /${request.path.join('/')} on the LwM2M server`, '4.04');
    } catch (err) {
      const violation =
        err instanceof ProtocolViolation ? err : new ProtocolViolation(`server failed on the request: ${(err as Error).message}`, '5.00');
      this.emit('protocolError', recordViolation(request, violation, this.trace));
      return { code: violation.responseCode };
    }
  }
}

function registrationOperation(request: IncomingRequest): string {
  if (request.path.length === 1) return 'Register';
  return request.method === 'DELETE' ? 'De-register' : 'Update';
}
