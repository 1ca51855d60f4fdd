/**
 * What every security scenario needs first: the world's secure server (DTLS with the device's PSK), and the
 * proof that ctx.server is the server inside it. Without either the scenario cannot reach its checks.
 */
import type { ScenarioContext } from '../../../harness/engine/context.ts';
import type { PskCredential } from '../../../harness/engine/device.ts';
import type { SecureServer } from '../../../harness/engine/secure-server.ts';

export interface SecureSetup {
  secure: SecureServer;
  psk: PskCredential;
}

export function secureSetup(ctx: ScenarioContext): SecureSetup {
  const secure = ctx.world.secure;
  if (!secure) ctx.inconclusive('this lab offers no secure (coaps) reference server');
  if (ctx.server !== secure.server) ctx.inconclusive('the scenario is not running against the secure server (Scenario.security is not set)');
  const psk = ctx.device.psk;
  if (!psk) ctx.inconclusive('the device profile gives no PSK, so the secure server cannot authenticate it');
  return { secure, psk };
}
