import type { Scenario } from '../../harness/engine/scenario.ts';
import { hlf022PmaxInstanceLevel, hlf022PmaxObjectLevel } from './hlf-022-pmax-levels.ts';
import { hlf022PminInstanceLevel, hlf022PminObjectLevel } from './hlf-022-pmin-levels.ts';
import { hlf022ServerDefaults } from './hlf-022-server-defaults.ts';
import { int301GtLt } from './int-301-gt-lt.ts';
import { int301Periodic } from './int-301-periodic.ts';
import { int301Pmin } from './int-301-pmin.ts';
import { int301Step } from './int-301-step.ts';
import { int302CancelRst } from './int-302-cancel-rst.ts';
import { int303CancelObserve } from './int-303-cancel-observe.ts';
import { int710Connectivity } from './int-710-connectivity.ts';

/** The scenarios of this area, in the order a run lists them. */
export const scenarios: Scenario[] = [
  int301Periodic,
  int301Pmin,
  hlf022PminObjectLevel,
  hlf022PminInstanceLevel,
  hlf022PmaxObjectLevel,
  hlf022PmaxInstanceLevel,
  hlf022ServerDefaults,
  int301GtLt,
  int301Step,
  int302CancelRst,
  int303CancelObserve,
  int710Connectivity,
];
