import type { Scenario } from '../../harness/engine/scenario.ts';
import { integrityFailure } from './integrity-failure.ts';
import { invalidUri } from './invalid-uri.ts';
import { observeFirmwareState } from './observe-state.ts';
import { pullUpdate } from './pull-update.ts';
import { pushUpdate } from './push-update.ts';
import { updateWithoutPackage } from './update-without-package.ts';
import { versionAfterUpdate } from './version-after-update.ts';

/** The scenarios of this area, in the order a run lists them. */
export const scenarios: Scenario[] = [
  pushUpdate,
  pullUpdate,
  versionAfterUpdate,
  observeFirmwareState,
  updateWithoutPackage,
  integrityFailure,
  invalidUri,
];
