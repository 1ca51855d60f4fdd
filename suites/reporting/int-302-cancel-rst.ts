/**
 * LightweightM2M-1.0-int-302, Cancel Observation by Reset: observe /3303/0/5700 with pmax=5 and see a value
 * change notified; then the server forgets the observation and answers the next notification with RST.
 * Pass when, on the wire, after that RST the device sends no further notification with the observation's
 * token, although the value changes twice and three pmax periods pass.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { observeReportCancel } from './helpers/cancel.ts';
import { HLF_019, HLF_020, TEMPERATURE } from './ids.ts';

export const int302CancelRst = defineScenario({
  id: 'LightweightM2M-1.0-int-302',
  title: 'An observation answered with RST stops reporting',
  suite: 'reporting',
  verifies: [HLF_019, HLF_020],
  ets: ['LightweightM2M-1.0-int-302'],
  precondition: 'registered',
  requires: { objects: [TEMPERATURE] },
  timeoutMs: 5 * 60_000,
  run: (ctx) => observeReportCancel(ctx, 'rst'),
});
