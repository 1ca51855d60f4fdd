import type { PskCredential } from '../../../harness/engine/device.ts';
import type { ServerScheme } from '../coap-uri.ts';
import { ObjectInstance } from './object-instance.ts';

export const SECURITY_OBJECT = 0;

/** Resource ids of object 0 the emulated client uses. */
export const SecurityResource = {
  SERVER_URI: 0,
  BOOTSTRAP_SERVER: 1,
  SECURITY_MODE: 2,
  PSK_IDENTITY: 3,
  SERVER_PUBLIC_KEY: 4,
  SECRET_KEY: 5,
  SMS_NUMBER: 9,
  SHORT_SERVER_ID: 10,
  CLIENT_HOLD_OFF_TIME: 11,
} as const;

/** Security Mode (/0/x/2) values. */
export const SecurityModeValue = { PSK: 0, RPK: 1, CERTIFICATE: 2, NOSEC: 3 } as const;

export interface SecurityConfig {
  serverUri: string;
  bootstrapServer?: boolean;
  /** 0 PSK, 1 RPK, 2 certificate, 3 NoSec. */
  securityMode?: number;
  pskIdentity?: Buffer;
  /** The secret; never logged, and not readable by a management server (the tree refuses /0). */
  secretKey?: Buffer;
  /** Absent for the bootstrap-server account. */
  shortServerId?: number;
  clientHoldOffTime?: number;
  /** LwM2M Server SMS Number (/0/x/9): where an SMS-only binding reaches the server. */
  smsNumber?: string;
}

/**
 * The factory Security settings for an account at `uri`: a coaps:// account holds the device's PSK (mode 0,
 * identity, key), a coap:// one is NoSec. Without a PSK a coaps:// account is left NoSec, which the client
 * then refuses to use (it cannot reach a coaps server without credentials).
 */
export function factorySecurity(scheme: ServerScheme, psk: PskCredential | undefined): Pick<SecurityConfig, 'securityMode' | 'pskIdentity' | 'secretKey'> {
  if (scheme !== 'coaps' || psk === undefined) return { securityMode: SecurityModeValue.NOSEC };
  return { securityMode: SecurityModeValue.PSK, pskIdentity: Buffer.from(psk.identity, 'utf8'), secretKey: Buffer.from(psk.key) };
}

/** Object 0 LwM2M Security: how to reach and authenticate one server. */
export function createSecurityInstance(instanceId: number, config: SecurityConfig): ObjectInstance {
  const instance = new ObjectInstance(SECURITY_OBJECT, instanceId)
    .value(SecurityResource.SERVER_URI, config.serverUri)
    .value(SecurityResource.BOOTSTRAP_SERVER, config.bootstrapServer ?? false)
    .value(SecurityResource.SECURITY_MODE, config.securityMode ?? SecurityModeValue.NOSEC)
    .value(SecurityResource.PSK_IDENTITY, config.pskIdentity ?? Buffer.alloc(0))
    .value(SecurityResource.SERVER_PUBLIC_KEY, Buffer.alloc(0))
    .value(SecurityResource.SECRET_KEY, config.secretKey ?? Buffer.alloc(0))
    .value(SecurityResource.CLIENT_HOLD_OFF_TIME, config.clientHoldOffTime ?? 0);
  if (config.shortServerId !== undefined) instance.value(SecurityResource.SHORT_SERVER_ID, config.shortServerId);
  if (config.smsNumber !== undefined) instance.value(SecurityResource.SMS_NUMBER, config.smsNumber);
  return instance;
}
