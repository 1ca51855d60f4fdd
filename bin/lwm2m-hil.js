#!/usr/bin/env node
// Entry point and composition root: runs the TypeScript sources through tsx (so `npx lwm2m-hil` works from a
// checkout without a build) and hands the suites and device drivers to the harness's CLI (DESIGN §2).
import { register } from 'tsx/esm/api';

register();
// A closed pipe (`lwm2m-hil requirements | head`) ends the output, not the process with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import('../harness/cli/main.ts');
const { devicePlugins } = await import('../devices/cli-plugins.ts');
const plugins = devicePlugins(async () => (await import('../suites/index.ts')).allScenarios());
process.exitCode = await main(process.argv.slice(2), plugins);
