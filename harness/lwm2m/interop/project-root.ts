import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

/** The checkout's root folder (three levels above harness/lwm2m/interop). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function projectPath(...segments: string[]): string {
  return resolve(PROJECT_ROOT, ...segments);
}
