/**
 * Per-resource command authorization (AZ-033), after int-950 (two servers) and int-551 (access check).
 *
 * Pass: the device registers with two servers A (primary) and B. A holds the Access Control instance of /3/0
 * (it is its owner) and sets its ACL to "A: Read, Write, Execute" only. Then B's Read of /3/0/0, Write of
 * /3/0/13 and Execute of /3/0/12 each answer 4.01 Unauthorized, while A's Read of /3/0/0 answers 2.05. A then
 * grants B Read alone: B's Read of /3/0/0 answers 2.05 and B's Write of /3/0/13 still answers 4.01 (the rights
 * are per operation, not all-or-nothing).
 *
 * Inconclusive when the world offers no second server or the device does not register with it; when the
 * device has no Access Control instance for /3/0 owned by A the check cannot be arranged (inconclusive too:
 * the TS lets the bootstrap server, not A, own it).
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { TimeoutError } from '../../harness/errors.ts';
import type { LwM2MServer } from '../../harness/lwm2m/server/lwm2m-server.ts';
import { ContentFormat, type ResourceEntry } from '../../harness/lwm2m/values.ts';
import { answerOf } from './helpers/entries.ts';
import { AZ_033, ets } from './helpers/ids.ts';

const READ = 1;
const WRITE = 2;
const EXECUTE = 4;
const ACL_RESOURCE = 2;
const OWNER_RESOURCE = 3;

export const accessControlPerServer = defineScenario({
  id: 'az-033-access-control-per-server',
  title: 'A server without rights in Access Control /2 gets 4.01 on /3/0',
  suite: 'device-management',
  verifies: [AZ_033],
  ets: [ets(950), ets(551)],
  precondition: 'registered',
  servers: 2,
  requires: { features: ['multi-server'], objects: [2] },
  async run(ctx: ScenarioContext) {
    const since = ctx.clock.now();
    const a = ctx.server;
    const b = ctx.world.additionalServers?.[0];
    const ssidA = ctx.world.env.server.shortServerId;
    const ssidB = ctx.world.env.additionalServers?.[0]?.shortServerId;
    if (!b || ssidA === undefined || ssidB === undefined) return ctx.inconclusive('the world offers no second LwM2M server with a Short Server ID');
    await registeredWith(ctx, b);

    const aco = await a.read(ctx.endpoint, '/2');
    ctx.require('A reads the Access Control object', aco.success, '2.05', answerOf(aco));
    const target = acoInstanceFor(aco.entries ?? [], 3, 0);
    if (target === undefined) return ctx.inconclusive('the device has no Access Control instance for /3/0 readable by server A');
    if (target.owner !== ssidA) return ctx.inconclusive(`the Access Control instance of /3/0 is owned by ${target.owner}, not by server A (${ssidA})`);

    const onlyA = await writeAcl(ctx, a, target.instanceId, new Map([[ssidA, READ | WRITE | EXECUTE]]));
    ctx.require('A (the owner) sets the ACL of /3/0 to A only', onlyA.success, '2.04', answerOf(onlyA));

    const bRead = await b.read(ctx.endpoint, '/3/0/0');
    ctx.expectEqual('B (no ACL entry) Read /3/0/0 answers 4.01', '4.01', bRead.code);
    const bWrite = await b.write(ctx.endpoint, '/3/0/13', [{ path: { objectId: 3, instanceId: 0, resourceId: 13 }, value: Math.floor(ctx.clock.now() / 1000) }], { format: ContentFormat.TEXT });
    ctx.expectEqual('B (no ACL entry) Write /3/0/13 answers 4.01', '4.01', bWrite.code);
    const bExec = await b.execute(ctx.endpoint, '/3/0/12');
    ctx.expectEqual('B (no ACL entry) Execute /3/0/12 answers 4.01', '4.01', bExec.code);
    const aRead = await a.read(ctx.endpoint, '/3/0/0');
    ctx.expectEqual('A (R in its ACL entry) Read /3/0/0 answers 2.05', '2.05', aRead.code);

    const readForB = await writeAcl(ctx, a, target.instanceId, new Map([[ssidA, READ | WRITE | EXECUTE], [ssidB, READ]]));
    ctx.require('A grants B Read on /3/0', readForB.success, '2.04', answerOf(readForB));
    const bReadAllowed = await b.read(ctx.endpoint, '/3/0/0');
    ctx.expectEqual('B (Read only) Read /3/0/0 answers 2.05', '2.05', bReadAllowed.code);
    const bWriteDenied = await b.write(ctx.endpoint, '/3/0/13', [{ path: { objectId: 3, instanceId: 0, resourceId: 13 }, value: Math.floor(ctx.clock.now() / 1000) }], { format: ContentFormat.TEXT });
    ctx.expectEqual('B (Read only) Write /3/0/13 answers 4.01', '4.01', bWriteDenied.code);
    ctx.exchangeSince('Access Control set by A, operations from A and B on /3/0', since);
  },
});

/** The device registers with every server at power-on; the runner waited for A only. */
async function registeredWith(ctx: ScenarioContext, server: LwM2MServer): Promise<void> {
  if (server.get(ctx.endpoint)) return;
  try {
    await server.waitFor('registered', (e) => e.registration.endpoint === ctx.endpoint, ctx.tolerances.bootMs, { since: 0 });
  } catch (error) {
    if (error instanceof TimeoutError) ctx.inconclusive('the device did not register with the second server');
    throw error;
  }
}

function acoInstanceFor(entries: readonly ResourceEntry[], objectId: number, instanceId: number): { instanceId: number; owner: number | undefined } | undefined {
  const byInstance = new Map<number, Map<number, unknown>>();
  for (const e of entries) {
    if (e.path.instanceId === undefined || e.path.resourceId === undefined || e.path.resourceInstanceId !== undefined) continue;
    const values = byInstance.get(e.path.instanceId) ?? new Map<number, unknown>();
    values.set(e.path.resourceId, e.value);
    byInstance.set(e.path.instanceId, values);
  }
  for (const [id, values] of byInstance) {
    if (values.get(0) === objectId && values.get(1) === instanceId) {
      const owner = values.get(OWNER_RESOURCE);
      return { instanceId: id, owner: typeof owner === 'number' ? owner : undefined };
    }
  }
  return undefined;
}

function writeAcl(ctx: ScenarioContext, server: LwM2MServer, acoInstanceId: number, acl: ReadonlyMap<number, number>) {
  const entries: ResourceEntry[] = [...acl].map(([ssid, rights]) => ({
    path: { objectId: 2, instanceId: acoInstanceId, resourceId: ACL_RESOURCE, resourceInstanceId: ssid },
    value: rights,
  }));
  return server.write(ctx.endpoint, `/2/${acoInstanceId}/${ACL_RESOURCE}`, entries, { mode: 'replace', format: ContentFormat.TLV });
}
