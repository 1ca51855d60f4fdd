/**
 * The world as a security scenario (Scenario.security = 'psk') sees it, and every scenario of a DTLS-only
 * device or of a run over DTLS (`run --dtls`): the device's server account is the
 * secure server (env.server = env.secureServer, a coaps:// URI) and `server` is the LwM2MServer inside the
 * DTLS session, so the precondition and every operation go through DTLS. Its bootstrap server is the secure one
 * (coaps, env.secureBootstrap) when the world has it, so a bootstrapping scenario bootstraps over DTLS too. The device's PSK is let into the
 * secure server (and masked in the trace) whatever the scenario.
 */
import type { DeviceUnderTest } from './device.ts';
import type { Scenario } from './scenario.ts';
import type { World } from './world.ts';

export function secureScenarioWorld(scenario: Scenario, world: World, device: DeviceUnderTest, options: { overDtls?: boolean } = {}): World {
  if (device.psk && world.secure) world.secure.addPsk(device.psk);
  if (device.psk && world.secureBootstrap) world.secureBootstrap.addDevice(device.endpoint, device.psk);
  const secured = scenario.security === 'psk' || device.dtlsOnly === true || (options.overDtls === true && scenario.bearer !== 'sms');
  if (!secured || !world.secure || !world.env.secureServer) return world;
  const secureBootstrap = world.secureBootstrap && world.env.secureBootstrap ? { bootstrap: world.env.secureBootstrap } : {};
  const env = { ...world.env, server: world.env.secureServer, ...secureBootstrap };
  const views: PropertyDescriptorMap = { env: { value: env, enumerable: true }, server: { value: world.secure.server, enumerable: true } };
  if (world.secureBootstrap) views['bootstrap'] = { value: world.secureBootstrap.bootstrap, enumerable: true };
  // A view, not a copy: the world's getters (link) and closures stay live.
  return Object.create(world, views) as World;
}
