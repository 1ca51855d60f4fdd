/**
 * Every conformance scenario, by LwM2M area. The CLI's composition root (bin/lwm2m-hil.js) hands this list to the
 * engine; harness/ never imports suites/ itself (DESIGN §2).
 */
import type { Scenario } from '../harness/engine/scenario.ts';
import { scenarios as deviceManagement } from './device-management/index.ts';
import { scenarios as firmware } from './firmware/index.ts';
import { scenarios as registration } from './registration/index.ts';
import { scenarios as reporting } from './reporting/index.ts';
import { scenarios as security } from './security/index.ts';

export function allScenarios(): Scenario[] {
  const all = [...registration, ...deviceManagement, ...firmware, ...reporting, ...security];
  const seen = new Set<string>();
  for (const s of all) {
    if (seen.has(s.id)) throw new Error(`two scenarios share the id '${s.id}'`);
    seen.add(s.id);
  }
  return all;
}
