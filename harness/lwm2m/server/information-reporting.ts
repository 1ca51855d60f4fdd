import type { Clock } from '../../clock/clock.ts';
import type { Notification, Observation } from '../../coap/api.ts';
import { formatPath, parsePath, pathSegments, type LwM2MPath } from '../path.ts';
import type { ResourceEntry } from '../values.ts';
import type { ClientChannel } from './client-channel.ts';
import { acceptFor } from './content-negotiation.ts';
import type { DeviceManagement, ReadOptions } from './device-management.ts';
import { isSuccess, type OperationResult } from './operation-result.ts';
import type { PayloadCodecs } from './payload-codecs.ts';

/** One notification as the scenario engine sees it. */
export interface DecodedNotification {
  endpoint: string;
  path: LwM2MPath;
  code: string;
  /** Observe option value (the sequence number) when present. */
  sequence?: number;
  /** Arrival on the run's clock (ms). */
  receivedAt: number;
  entries?: ResourceEntry[];
  decodeError?: string;
  raw: Notification;
}

export interface ObserveOptions extends ReadOptions {
  onNotification?: (notification: DecodedNotification) => void;
}

export type CancelMode = 'rst' | 'get';

/** An active (or ended) observation of one path on one client. */
export interface ObservationHandle {
  readonly endpoint: string;
  readonly path: LwM2MPath;
  /** The answer to the Observe registration: the first value, or the error code that refused it. */
  readonly first: OperationResult;
  /** Every notification received so far, in arrival order (stale reordered ones are dropped by the CoAP layer). */
  readonly notifications: readonly DecodedNotification[];
  readonly active: boolean;
  /** Why it ended: 'cancelled (rst)', 'cancelled (get)', 'new registration', 'error 4.04', ... */
  readonly endReason: string | undefined;
  cancel(mode?: CancelMode): Promise<void>;
}

class Handle implements ObservationHandle {
  readonly notifications: DecodedNotification[] = [];
  observation: Observation | undefined;
  endReason: string | undefined;

  constructor(
    readonly endpoint: string,
    readonly path: LwM2MPath,
    public first: OperationResult,
  ) {}

  get active(): boolean {
    return this.endReason === undefined && (this.observation?.active ?? false);
  }

  async cancel(mode: CancelMode = 'get'): Promise<void> {
    if (this.endReason !== undefined) return;
    this.endReason = `cancelled (${mode})`;
    await this.observation?.cancel(mode);
  }

  /** Ends it without a proactive message: the next notification is answered with RST. */
  drop(reason: string): void {
    if (this.endReason !== undefined) return;
    this.endReason = reason;
    this.observation?.cancel('rst').catch(() => undefined);
  }
}

/** The Information Reporting interface, server side: Observe, notifications, Cancel Observation. */
export class InformationReporting {
  private readonly byEndpoint = new Map<string, Set<Handle>>();

  constructor(
    private readonly channel: ClientChannel,
    private readonly dm: DeviceManagement,
    private readonly codecs: PayloadCodecs,
    private readonly clock: Clock,
    private readonly onAnyNotification: (n: DecodedNotification, handle: ObservationHandle) => void,
  ) {}

  async observe(endpoint: string, pathInput: string | LwM2MPath, options: ObserveOptions = {}): Promise<ObservationHandle> {
    const path = typeof pathInput === 'string' ? parsePath(pathInput) : pathInput;
    const operation = `Observe ${formatPath(path)}`;
    const registration = this.channel.registration(endpoint, operation);
    const accept = acceptFor(registration, options.format);
    let handle: Handle | undefined;
    const early: Notification[] = [];
    const onNotification = (n: Notification): void => {
      if (handle === undefined) early.push(n);
      else this.deliver(handle, n, accept, options);
    };
    const observation = await this.channel.observe(
      endpoint,
      {
        method: 'GET',
        path: this.channel.uriPath(registration, pathSegments(path)),
        observe: 0,
        ...(accept === undefined ? {} : { accept }),
      },
      operation,
      onNotification,
      options,
    );
    const first = this.dm.withEntries(this.dm.result(operation, observation.first), observation.first, path, accept);
    handle = new Handle(endpoint, path, first);
    handle.observation = observation;
    if (!isSuccess(first.code)) handle.endReason = `refused with ${first.code}`;
    else if (observation.first.observe === undefined) handle.endReason = 'answered without Observe option (not observed)';
    else this.track(handle);
    for (const n of early.splice(0)) this.deliver(handle, n, accept, options);
    return handle;
  }

  /** Active observations of one client. */
  active(endpoint: string): ObservationHandle[] {
    return [...(this.byEndpoint.get(endpoint) ?? [])].filter((h) => h.active);
  }

  /** A new registration (or the end of one) cancels every observation of the client, as the TS requires. */
  clear(endpoint: string, reason: string): void {
    const handles = this.byEndpoint.get(endpoint);
    if (handles === undefined) return;
    this.byEndpoint.delete(endpoint);
    for (const handle of handles) handle.drop(reason);
  }

  clearAll(reason: string): void {
    for (const endpoint of [...this.byEndpoint.keys()]) this.clear(endpoint, reason);
  }

  private track(handle: Handle): void {
    let set = this.byEndpoint.get(handle.endpoint);
    if (set === undefined) {
      set = new Set();
      this.byEndpoint.set(handle.endpoint, set);
    }
    set.add(handle);
  }

  private deliver(handle: Handle, n: Notification, accept: number | undefined, options: ObserveOptions): void {
    if (handle.endReason !== undefined) return;
    const decoded: DecodedNotification = {
      endpoint: handle.endpoint,
      path: handle.path,
      code: n.code,
      receivedAt: n.receivedAt ?? this.clock.now(),
      raw: n,
    };
    if (n.observe !== undefined) decoded.sequence = n.observe;
    if (isSuccess(n.code) && n.payload.length > 0) {
      const format = n.contentFormat ?? accept ?? 0;
      try {
        decoded.entries = this.codecs.decode(format, n.payload, handle.path);
      } catch (err) {
        decoded.decodeError = `notification in format ${format} not decodable: ${(err as Error).message}`;
      }
    }
    handle.notifications.push(decoded);
    if (!isSuccess(n.code)) {
      handle.endReason = `ended by the client with ${n.code}`;
      this.byEndpoint.get(handle.endpoint)?.delete(handle);
    }
    options.onNotification?.(decoded);
    this.onAnyNotification(decoded, handle);
  }
}
