/**
 * LightweightM2M-1.0-int-652: the server can retrieve the installed firmware version (HLF-003).
 *
 * Pass: Read /3/0/3 answers 2.05 with a non-empty text value. When the device has a Firmware Update object,
 * a Read of /5/0/7 (PkgVersion, optional) answers 2.05 with a text value or 4.04 (resource not implemented);
 * any other answer is a failure. That the version changes after an update is checked in suites/firmware.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { announcedObjects } from '../../harness/lwm2m/server/registration/registration.ts';
import { answerOf, jsonOf, readOk, singleValue } from './helpers/entries.ts';
import { ets, hlf } from './helpers/ids.ts';

export const firmwareVersionRead = defineScenario({
  id: ets(652),
  title: 'Firmware version is readable (/3/0/3, /5/0/7)',
  suite: 'device-management',
  verifies: [hlf(3)],
  ets: [ets(652)],
  precondition: 'registered',
  async run(ctx: ScenarioContext) {
    const since = ctx.clock.now();
    const read = await ctx.server.read(ctx.endpoint, '/3/0/3');
    const version = singleValue(read.entries, 3);
    ctx.check('Read /3/0/3 Firmware Version answers 2.05', readOk(read), '2.05', answerOf(read));
    ctx.check('/3/0/3 holds a non-empty version string', typeof version === 'string' && version.trim() !== '', 'a non-empty string', jsonOf(version));

    if (announcedObjects(ctx.registration()).includes(5)) {
      const pkg = await ctx.server.read(ctx.endpoint, '/5/0/7');
      if (pkg.code === '4.04') ctx.note('/5/0/7 PkgVersion is not implemented (4.04): optional resource');
      else {
        const pkgVersion = singleValue(pkg.entries, 7);
        ctx.check('Read /5/0/7 PkgVersion answers 2.05 (or 4.04 when not implemented)', readOk(pkg), '2.05', answerOf(pkg));
        ctx.check('/5/0/7 holds a string', typeof pkgVersion === 'string', 'a string', jsonOf(pkgVersion));
      }
    }
    ctx.exchangeSince('Read of the firmware version resources', since);
  },
});
