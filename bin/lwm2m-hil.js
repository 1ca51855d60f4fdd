#!/usr/bin/env node
// Entry point: runs the TypeScript sources through tsx so `npx lwm2m-hil` works from a checkout without a build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
