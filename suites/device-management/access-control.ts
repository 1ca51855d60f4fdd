/**
 * Per-resource command authorization (AZ-033), after int-950 (two servers) and int-551 (access check).
 *
 * Pass (intended): the device is registered with two servers A and B. Access Control /2 gives B no rights on
 * /3/0 (A owns it). A Read, Write and Execute from B on /3/0 resources answer 4.01 Unauthorized, while the
 * same Read from A answers 2.05.
 *
 * The harness world offers ONE LwM2M server identity today, so the check cannot be reached and the scenario
 * is inconclusive with that reason. What it needs from the World (harness/engine/world.ts) is written in
 * NEEDS below, so the report tells a reader exactly what is missing.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { AZ_033, ets } from './helpers/ids.ts';

const NEEDS =
  'a second LwM2M server identity in the world (a second LwM2MServer on the simulated network with its own ' +
  'Short Server ID, and the device provisioned with two Server/Security accounts, e.g. by the bootstrap ' +
  'server) and Access Control instances giving that second server no rights on /3/0';

export const accessControlPerServer = defineScenario({
  id: 'az-033-access-control-per-server',
  title: 'A server without rights in Access Control /2 gets 4.01 on /3/0',
  suite: 'device-management',
  verifies: [AZ_033],
  ets: [ets(950), ets(551)],
  precondition: 'registered',
  requires: { features: ['multi-server'], objects: [2] },
  async run(ctx: ScenarioContext) {
    ctx.inconclusive(`the check needs ${NEEDS}; the harness world has one server only`);
  },
});
