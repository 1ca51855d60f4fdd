/**
 * Connection address retrieval (HLF-037), int-701.
 *
 * Pass: Read /4/0/4 IP Addresses answers 2.05 and one of its values is the address the server sees the
 * device's datagrams come from (its registration's source address). On a path with NAT the two differ by
 * design; such a lab should not run this scenario (or declare object 4 absent).
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { answerOf, instancesOf, jsonOf, readOk } from './helpers/entries.ts';
import { ets, hlf } from './helpers/ids.ts';

export const connectionAddress = defineScenario({
  id: `${ets(701)}-connection-address`,
  title: 'IP address /4/0/4 matches the source address the server sees',
  suite: 'device-management',
  verifies: [hlf(37)],
  ets: [ets(701)],
  precondition: 'registered',
  requires: { objects: [4] },
  async run(ctx: ScenarioContext) {
    const since = ctx.clock.now();
    const seen = normalise(ctx.registration().address.address);
    const read = await ctx.server.read(ctx.endpoint, '/4/0/4');
    ctx.check('Read /4/0/4 IP Addresses answers 2.05', readOk(read), '2.05', answerOf(read));
    const reported = [...instancesOf(read.entries, 4).values()].map((v) => (typeof v === 'string' ? normalise(v) : jsonOf(v)));
    ctx.check('/4/0/4 includes the address the server sees', reported.includes(seen), seen, reported);
    ctx.exchangeSince('IP address read', since);
  },
});

/** IPv4-mapped IPv6 (::ffff:a.b.c.d) and its IPv4 form are the same address; case does not matter. */
function normalise(address: string): string {
  return address.trim().toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}
