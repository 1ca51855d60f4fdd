import type { Scenario } from '../../harness/engine/scenario.ts';
import { ackToConfirmable } from './ack-to-confirmable.ts';
import { clientInitiatedBootstrap } from './client-initiated-bootstrap.ts';
import { deregistration } from './deregistration.ts';
import { disableProhibit } from './disable-prohibit.ts';
import { disableRestore } from './disable-restore.ts';
import { discover } from './discover.ts';
import { initialRegistration } from './initial-registration.ts';
import { ipBinding } from './ip-binding.ts';
import { nonConfirmable } from './non-confirmable.ts';
import { numericAddressing } from './numeric-addressing.ts';
import { queueWakeUpdate } from './queue-wake-update.ts';
import { registrationKeptAlive } from './registration-kept-alive.ts';
import { registrationSession } from './registration-session.ts';
import { registrationUpdate } from './registration-update.ts';
import { retransmission } from './retransmission.ts';
import { smsBinding } from './sms-binding.ts';
import { smsUpdateTrigger } from './sms-update-trigger.ts';
import { stableIdentity } from './stable-identity.ts';
import { updateTrigger } from './update-trigger.ts';

/** The scenarios of this area, in the order a run lists them. */
export const scenarios: Scenario[] = [
  clientInitiatedBootstrap,
  initialRegistration,
  stableIdentity,
  numericAddressing,
  ipBinding,
  smsBinding,
  registrationUpdate,
  updateTrigger,
  smsUpdateTrigger,
  registrationSession,
  nonConfirmable,
  discover,
  registrationKeptAlive,
  queueWakeUpdate,
  deregistration,
  disableProhibit,
  disableRestore,
  ackToConfirmable,
  retransmission,
];
