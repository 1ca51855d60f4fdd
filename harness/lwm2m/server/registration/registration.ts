import type { Endpoint } from '../../../net/transport.ts';
import type { LwM2MPath } from '../../path.ts';

export type LwM2MVersion = '1.0' | '1.1';

/** One object or object instance the client announced (`</3/0>`, `</5>;ver=1.1`). */
export interface ObjectLink {
  path: LwM2MPath;
  /** The `ver` attribute when present (object version). */
  version?: string;
  attributes: Record<string, string | true>;
}

/** What a Register request carried, parsed and validated. */
export interface RegisterParams {
  endpoint: string;
  /** Seconds. 86400 when the client left `lt` out (the TS default). */
  lifetime: number;
  version: LwM2MVersion;
  /** Binding as sent, e.g. 'U', 'UQ', 'UQS' (1.0) or 'U' with queueMode (1.1 `Q` parameter). */
  binding: string;
  queueMode: boolean;
  sms?: string;
  objectLinks: ObjectLink[];
  /** Alternate root path of the client's objects ('/' unless announced with rt="oma.lwm2m"). */
  rootPath: string;
  /** Content formats announced with `ct` on the root link. */
  contentFormats: number[];
  /** Links that are not LwM2M objects (kept for evidence, otherwise ignored). */
  otherLinks: string[];
  /** Tolerated oddities (unknown query parameters, a missing lwm2m= ...): evidence for SHOULD checks. */
  warnings: string[];
}

/** What an Update request carried: only the parameters that were present. */
export interface UpdateParams {
  lifetime?: number;
  binding?: string;
  queueMode?: boolean;
  sms?: string;
  /** Present when the Update carried a new object list. */
  objectLinks?: ObjectLink[];
  rootPath?: string;
  contentFormats?: number[];
  warnings: string[];
}

/** A registration as the server holds it. Snapshots are immutable; an Update produces a new one. */
export interface Registration {
  readonly id: string;
  readonly endpoint: string;
  readonly version: LwM2MVersion;
  readonly lifetime: number;
  readonly binding: string;
  readonly queueMode: boolean;
  readonly sms?: string;
  readonly objectLinks: readonly ObjectLink[];
  readonly rootPath: string;
  readonly contentFormats: readonly number[];
  /** The client's address as last seen (an Update from a new address moves it: NAT rebinding). */
  readonly address: Endpoint;
  /** Location-Path the server answered with: ['rd', id]. */
  readonly location: readonly string[];
  readonly registeredAt: number;
  readonly lastUpdateAt: number;
  /** When the registration lapses unless the client updates it (run clock, ms). */
  readonly expiresAt: number;
}

/** Object ids the client announced, in order of first appearance. */
export function announcedObjects(reg: Pick<Registration, 'objectLinks'>): number[] {
  const seen = new Set<number>();
  for (const link of reg.objectLinks) seen.add(link.path.objectId);
  return [...seen];
}

/** Instance ids of `objectId` the client announced. */
export function announcedInstances(reg: Pick<Registration, 'objectLinks'>, objectId: number): number[] {
  const out: number[] = [];
  for (const link of reg.objectLinks) {
    if (link.path.objectId === objectId && link.path.instanceId !== undefined) out.push(link.path.instanceId);
  }
  return out;
}
