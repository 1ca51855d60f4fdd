/**
 * LightweightM2M-1.0-int-303, Cancel Observation by GET with Observe=1: observe /3303/0/5700 with pmax=5 and
 * see a value change notified; then the server sends GET /3303/0/5700 with Observe=1 and the same token
 * (RFC 7641 §3.6; the ETS sends it to the instance, we address the observed resource itself).
 * Pass when, on the wire, after the answer to that GET the device sends no further notification with the
 * observation's token, although the value changes twice and three pmax periods pass.
 */
import { defineScenario } from '../../harness/engine/scenario.ts';
import { observeReportCancel } from './helpers/cancel.ts';
import { HLF_019, HLF_020, TEMPERATURE } from './ids.ts';

export const int303CancelObserve = defineScenario({
  id: 'LightweightM2M-1.0-int-303',
  title: 'An observation cancelled with Observe=1 stops reporting',
  suite: 'reporting',
  verifies: [HLF_019, HLF_020],
  ets: ['LightweightM2M-1.0-int-303'],
  precondition: 'registered',
  requires: { objects: [TEMPERATURE] },
  timeoutMs: 5 * 60_000,
  run: (ctx) => observeReportCancel(ctx, 'get'),
});
