import { ObjectInstance } from './object-instance.ts';

export const SECURITY_OBJECT = 0;

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
}

/** Object 0 LwM2M Security: how to reach and authenticate one server. */
export function createSecurityInstance(instanceId: number, config: SecurityConfig): ObjectInstance {
  const instance = new ObjectInstance(SECURITY_OBJECT, instanceId)
    .value(0, config.serverUri)
    .value(1, config.bootstrapServer ?? false)
    .value(2, config.securityMode ?? 3)
    .value(3, config.pskIdentity ?? Buffer.alloc(0))
    .value(4, Buffer.alloc(0))
    .value(5, config.secretKey ?? Buffer.alloc(0))
    .value(11, config.clientHoldOffTime ?? 0);
  if (config.shortServerId !== undefined) instance.value(10, config.shortServerId);
  return instance;
}
