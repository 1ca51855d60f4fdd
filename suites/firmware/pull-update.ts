/**
 * LightweightM2M-1.0-int-756 with the int-770 flow: firmware update by pull (HLF-004). The harness serves the
 * package from a CoAP package server on the device's network; the device fetches it itself.
 *
 * Pass: Write /5/0/1 "" resets to State 0 / Update Result 0; Write /5/0/1 with the package's coap:// URI
 * answers 2.04; the device GETs the package and State reaches 2 with Update Result 0; Exec /5/0/2 answers
 * 2.04; the device sends a new Register; State 0 and Update Result 1; /3/0/3 or /5/0/7 shows the version.
 */
import type { ScenarioContext } from '../../harness/engine/context.ts';
import { defineScenario } from '../../harness/engine/scenario.ts';
import { ets, hlf } from '../device-management/helpers/ids.ts';
import { describeSnapshots } from './helpers/firmware-state.ts';
import { openPackageServer } from './helpers/package-server.ts';
import { installablePackage } from './helpers/packages.ts';
import { checkSuccessfulUpdate } from './helpers/update-checks.ts';
import { pullDelivery, runUpdateFlow } from './helpers/update-flow.ts';

const PACKAGE_PATH = '/fw/package.bin';

export const pullUpdate = defineScenario({
  id: ets(756),
  title: 'Firmware update by pull: Write /5/0/1 (coap://), device downloads, Exec /5/0/2, Update Result 1',
  suite: 'firmware',
  verifies: [hlf(4)],
  ets: [ets(756), ets(770)],
  precondition: 'registered',
  requires: { features: ['firmware-pull'], objects: [5] },
  timeoutMs: 10 * 60_000,
  async run(ctx: ScenarioContext) {
    const pkg = await installablePackage(ctx);
    const repo = await openPackageServer(ctx, new Map([[PACKAGE_PATH, pkg.content]]));
    const since = ctx.clock.now();
    const flow = await runUpdateFlow(ctx, pullDelivery(repo.uri(PACKAGE_PATH)));
    ctx.note(`package ${pkg.name} (${pkg.content.length} bytes, version ${pkg.version}) at ${repo.uri(PACKAGE_PATH)}; the device sent ${repo.requests.length} GET(s)`);
    ctx.note(`state machine: ${describeSnapshots([flow.afterReset, ...flow.download, ...(flow.final ? [flow.final] : [])]).join(' -> ')}`);
    checkSuccessfulUpdate(ctx, flow, pkg.version, 'Write /5/0/1 (package URI)');
    ctx.check('the device fetched the package from the URI', repo.requests.includes(PACKAGE_PATH), `GET ${PACKAGE_PATH}`, repo.requests);
    ctx.exchangeSince('Firmware update by pull', since);
  },
});
