/**
 * The server accounts the device holds, read from its objects as a real client does: each Security (/0)
 * instance that is not the bootstrap account, with the Server (/1) instance of the same Short Server ID.
 * After a bootstrap the accounts are whatever the bootstrap server wrote.
 */
import { sameEndpoint, type Endpoint } from '../../harness/net/transport.ts';
import { isMsisdn, smsEndpoint } from '../../harness/net/sms/msisdn.ts';
import { parseCoapUri } from './coap-uri.ts';
import type { ObjectTree } from './objects/object-tree.ts';
import { SECURITY_OBJECT } from './objects/security.ts';
import { SERVER_OBJECT, ServerResource } from './objects/server.ts';
import { SECURITY_SMS_NUMBER, smsOnlyEndpoint } from './sms/sms-account.ts';

export interface ServerAccount {
  shortServerId: number;
  endpoint: Endpoint;
  /** Where the server also speaks from by SMS (LwM2M Server SMS Number, /0/x/9), when it has one. */
  smsEndpoint?: Endpoint;
  securityInstanceId: number;
  serverInstanceId: number;
}

const SECURITY_URI = 0;
const SECURITY_IS_BOOTSTRAP = 1;
const SECURITY_SHORT_ID = 10;

/** Usable LwM2M server accounts, in Security instance order (the first is the primary). */
export function serverAccounts(tree: ObjectTree): ServerAccount[] {
  const out: ServerAccount[] = [];
  for (const security of tree.instances(SECURITY_OBJECT)) {
    if (security.read(SECURITY_IS_BOOTSTRAP) === true) continue;
    const ssid = security.read(SECURITY_SHORT_ID);
    const uri = security.read(SECURITY_URI);
    if (typeof ssid !== 'number' || typeof uri !== 'string') continue;
    const server = tree.instances(SERVER_OBJECT).find((s) => s.read(ServerResource.SHORT_SERVER_ID) === ssid);
    // An SMS-only binding reaches the server at its SMS number (/0/x/9), not at the Server URI's host.
    const endpoint = (server ? smsOnlyEndpoint(server.read(ServerResource.BINDING), security.read(SECURITY_SMS_NUMBER)) : undefined) ?? endpointOf(uri);
    if (!server || !endpoint) continue;
    const smsNumber = security.read(SECURITY_SMS_NUMBER);
    const sms = typeof smsNumber === 'string' && isMsisdn(smsNumber) ? { smsEndpoint: smsEndpoint(smsNumber) } : {};
    out.push({ shortServerId: ssid, endpoint, ...sms, securityInstanceId: security.instanceId, serverInstanceId: server.instanceId });
  }
  return out;
}

/** The account of the server a datagram came from: its UDP address, or its SMS number. */
export function isAccountPeer(account: ServerAccount, peer: Endpoint): boolean {
  return sameEndpoint(account.endpoint, peer) || (account.smsEndpoint !== undefined && sameEndpoint(account.smsEndpoint, peer));
}

/** The bootstrap server's address from the bootstrap account, when the device holds one. */
export function bootstrapEndpoint(tree: ObjectTree): Endpoint | undefined {
  const account = tree.instances(SECURITY_OBJECT).find((s) => s.read(SECURITY_IS_BOOTSTRAP) === true);
  const uri = account?.read(SECURITY_URI);
  return typeof uri === 'string' ? endpointOf(uri) : undefined;
}

function endpointOf(uri: string): Endpoint | undefined {
  try {
    return parseCoapUri(uri);
  } catch {
    return undefined; // coaps:// and other schemes the emulated client cannot reach: not a usable account
  }
}
