/**
 * The device environment one scenario hands the device: the world's, narrowed to what the scenario asks for.
 * Additional servers only when the scenario wants several (a conformant device otherwise stays single-server,
 * where Access Control does not apply); the bootstrap starting point only for scenarios that need bootstrap.
 */
import type { DeviceEnvironment } from './device.ts';
import type { Scenario } from './scenario.ts';
import type { World } from './world.ts';

export function scenarioEnv(scenario: Scenario, env: DeviceEnvironment): DeviceEnvironment {
  const { additionalServers, provisioning: _ignored, ...base } = env;
  const wanted = Math.max(0, (scenario.servers ?? 1) - 1);
  const extra = (additionalServers ?? []).slice(0, wanted);
  const bootstrap = scenario.requires?.features?.includes('bootstrap') === true && env.bootstrap !== undefined;
  return {
    ...base,
    ...(extra.length > 0 ? { additionalServers: extra } : {}),
    ...(bootstrap ? { provisioning: 'bootstrap' as const } : {}),
  };
}

/** The world as the scenario sees it: the same world, with env narrowed by scenarioEnv. */
export function scenarioWorld(scenario: Scenario, world: World): World {
  const env = scenarioEnv(scenario, world.env);
  // A view, not a copy: the world's getters (link) and closures stay live.
  return Object.create(world, { env: { value: env, enumerable: true } }) as World;
}
