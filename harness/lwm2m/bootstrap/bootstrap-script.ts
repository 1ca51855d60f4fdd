import { formatPath, parsePath, type LwM2MPath } from '../path.ts';
import type { ResourceEntry } from '../values.ts';
import { securityEntries, serverEntries, type BootstrapConfig } from './bootstrap-config.ts';

/** One step of a bootstrap sequence, in the order it is sent. */
export type BootstrapStep =
  | { kind: 'delete'; path: string }
  | { kind: 'write'; path: LwM2MPath; entries: ResourceEntry[] }
  | { kind: 'discover'; path: string }
  | { kind: 'finish' };

/** Operation name of a step as it appears in the trace and the session record (never any value). */
export function stepName(step: BootstrapStep): string {
  switch (step.kind) {
    case 'delete':
      return `Bootstrap-Delete ${step.path}`;
    case 'write':
      return `Bootstrap-Write ${formatPath(step.path)}`;
    case 'discover':
      return `Bootstrap-Discover ${step.path}`;
    case 'finish':
      return 'Bootstrap-Finish';
  }
}

/**
 * The sequence for one endpoint: Bootstrap-Delete, Bootstrap-Write of the Security instances (bootstrap account
 * first, at 0) and of the Server instances, optional Bootstrap-Discover, Bootstrap-Finish.
 */
export function buildScript(config: BootstrapConfig): BootstrapStep[] {
  const steps: BootstrapStep[] = [];
  for (const path of config.delete ?? ['/']) {
    if (path !== '/') parsePath(path); // validates; '/' is the whole client
    steps.push({ kind: 'delete', path });
  }
  let nextSecurity = 0;
  if (config.bootstrapAccount !== undefined) {
    const id = config.bootstrapAccount.securityInstanceId ?? 0;
    steps.push({ kind: 'write', path: { objectId: 0, instanceId: id }, entries: securityEntries(id, config.bootstrapAccount, true) });
    nextSecurity = id + 1;
  }
  let nextServer = 0;
  for (const account of config.servers) {
    const securityId = account.securityInstanceId ?? nextSecurity;
    nextSecurity = securityId + 1;
    steps.push({ kind: 'write', path: { objectId: 0, instanceId: securityId }, entries: securityEntries(securityId, account, false) });
  }
  for (const account of config.servers) {
    const serverId = account.serverInstanceId ?? nextServer;
    nextServer = serverId + 1;
    steps.push({ kind: 'write', path: { objectId: 1, instanceId: serverId }, entries: serverEntries(serverId, account) });
  }
  if (config.discover !== undefined) steps.push({ kind: 'discover', path: config.discover });
  steps.push({ kind: 'finish' });
  return steps;
}
