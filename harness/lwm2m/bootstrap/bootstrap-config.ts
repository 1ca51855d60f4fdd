import { InputError } from '../../errors.ts';
import type { ResourceEntry } from '../values.ts';

/** Security Mode resource values (/0/x/2). */
export const SecurityMode = { psk: 0, rpk: 1, certificate: 2, nosec: 3 } as const;
export type SecurityModeName = keyof typeof SecurityMode;

export interface PskCredentials {
  identity: string;
  /** The secret: never written to logs, notes or trace output (the bootstrap server registers it as a trace secret). */
  key: Buffer;
}

/** One LwM2M server account to provision: a Security instance and, unless it is a bootstrap account, a Server instance. */
export interface ServerAccount {
  /** e.g. "coap://127.0.0.1:5683" or "coaps://lwm2m.example:5684". */
  serverUri: string;
  securityMode: SecurityModeName;
  shortServerId: number;
  /** Registration lifetime in seconds (default 86400). */
  lifetime?: number;
  /** Binding mode (default "U"). */
  binding?: string;
  defaultMinPeriod?: number;
  defaultMaxPeriod?: number;
  notificationStoring?: boolean;
  psk?: PskCredentials;
  /** Instance ids (default: taken in order, Security from 1 when a bootstrap account is written at 0). */
  securityInstanceId?: number;
  serverInstanceId?: number;
}

/** What the bootstrap server does for one endpoint. */
export interface BootstrapConfig {
  /** Paths to Bootstrap-Delete first (default ['/']). An empty list deletes nothing. */
  delete?: string[];
  servers: ServerAccount[];
  /** A bootstrap-server account to (re)write, as Security instance 0 with Bootstrap-Server true. */
  bootstrapAccount?: Omit<ServerAccount, 'shortServerId' | 'lifetime' | 'binding' | 'serverInstanceId'> & { shortServerId?: number };
  /** Path to Bootstrap-Discover after the writes (e.g. '/' or '/0'); none when absent. */
  discover?: string;
}

/** Per-endpoint configurations: a table, or a function for generated ones (load tests). */
export type BootstrapConfigSource = Readonly<Record<string, BootstrapConfig>> | ((endpoint: string) => BootstrapConfig | undefined);

export function configFor(source: BootstrapConfigSource, endpoint: string): BootstrapConfig | undefined {
  return typeof source === 'function' ? source(endpoint) : Object.hasOwn(source, endpoint) ? source[endpoint] : undefined;
}

/** Every PSK key in a configuration (to register as trace secrets). */
export function secretsOf(config: BootstrapConfig): Buffer[] {
  const keys: Buffer[] = [];
  for (const account of [...config.servers, ...(config.bootstrapAccount ? [config.bootstrapAccount] : [])]) {
    if (account.psk !== undefined) keys.push(account.psk.key);
  }
  return keys;
}

function checkAccount(account: { serverUri: string; securityMode: SecurityModeName; psk?: PskCredentials }): void {
  if (!/^coaps?:\/\//.test(account.serverUri)) throw new InputError(`server URI '${account.serverUri}' is not coap:// or coaps://`);
  if (account.securityMode === 'psk' && account.psk === undefined) {
    throw new InputError(`account ${account.serverUri} uses PSK mode but has no PSK identity and key`);
  }
}

/** Resources of a Security (/0) instance. */
export function securityEntries(
  instanceId: number,
  account: { serverUri: string; securityMode: SecurityModeName; psk?: PskCredentials; shortServerId?: number },
  bootstrapServer: boolean,
): ResourceEntry[] {
  checkAccount(account);
  const at = (resourceId: number) => ({ objectId: 0, instanceId, resourceId });
  const entries: ResourceEntry[] = [
    { path: at(0), value: account.serverUri },
    { path: at(1), value: bootstrapServer },
    { path: at(2), value: SecurityMode[account.securityMode] },
    { path: at(3), value: account.psk === undefined ? Buffer.alloc(0) : Buffer.from(account.psk.identity, 'utf8') },
    { path: at(4), value: Buffer.alloc(0) },
    { path: at(5), value: account.psk === undefined ? Buffer.alloc(0) : Buffer.from(account.psk.key) },
  ];
  if (account.shortServerId !== undefined) entries.push({ path: at(10), value: account.shortServerId });
  return entries;
}

/** Resources of a Server (/1) instance. */
export function serverEntries(instanceId: number, account: ServerAccount): ResourceEntry[] {
  const at = (resourceId: number) => ({ objectId: 1, instanceId, resourceId });
  const entries: ResourceEntry[] = [
    { path: at(0), value: account.shortServerId },
    { path: at(1), value: account.lifetime ?? 86400 },
  ];
  if (account.defaultMinPeriod !== undefined) entries.push({ path: at(2), value: account.defaultMinPeriod });
  if (account.defaultMaxPeriod !== undefined) entries.push({ path: at(3), value: account.defaultMaxPeriod });
  entries.push({ path: at(6), value: account.notificationStoring ?? true });
  entries.push({ path: at(7), value: account.binding ?? 'U' });
  return entries;
}
