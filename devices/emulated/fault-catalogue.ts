/**
 * The catalogue of fault profiles (DESIGN §3.7): realistic firmware bugs the emulated client can be told to
 * have, each with the requirements it breaks. Running the suites against one fault must turn exactly its
 * `breaks` to `fail`, so every fault is narrow and its description says what a server sees on the wire.
 *
 * Definitions this catalogue relies on (the RD leaves them open):
 * - Device State (HLF-030/031) is the device's state as the server can know it: registered and reachable
 *   (Active), in queue mode and asleep (Sleep), or gone (De-registered / expired). Retrieval is the
 *   registration staying valid while the device is on; reporting a change is the Register, Update or
 *   De-register the device sends when its state changes (a queue-mode wake-up announces itself with an Update).
 * - Session-based communication (HLF-016) without DTLS is one registration session: Register once, then
 *   Updates on its location. Sessionless communication (HLF-017) is answering a non-confirmable request.
 * - SMS (HLF-015): with an S in the binding (Write /1/0/7 "US") the Update or Register must carry the `sms`
 *   MSISDN, and on a world with an SMS bearer the device must answer operations sent to that number by SMS
 *   (concatenated SMS above 140 octets).
 */
import { FaultHook, type FaultName } from './faults.ts';

export interface FaultProfile {
  name: FaultName;
  /** Requirement ids exactly as REQUIREMENT_IDS writes them. */
  breaks: string[];
  description: string;
}

const hlf = (n: number): string => `LightweightM2M-HLF-${String(n).padStart(3, '0')}`;
const AZ_033 = 'LightweightM2M-AZ-033';
const SEC_001 = 'LightweightM2M-SEC-001';
const SEC_002 = 'LightweightM2M-SEC-002';
const AT_001 = 'LightweightM2M-AT-001';
const DI_001 = 'LightweightM2M-DI-001';
const CF_001 = 'LightweightM2M-CF-001';

export const FAULT_CATALOGUE: readonly FaultProfile[] = Object.freeze([
  {
    name: FaultHook.SERIAL_CHANGES_ON_REBOOT,
    breaks: [hlf(1)],
    description: 'After a reboot or power cycle /3/0/2 Serial Number reads a new random value (the device identity is not stable).',
  },
  {
    name: FaultHook.REGISTER_LINKS_BY_NAME,
    breaks: [hlf(2)],
    description: 'The Register object list names the Connectivity Statistics object by text (</conn-stats/0>) instead of its numeric path </7/0>.',
  },
  {
    name: FaultHook.FIRMWARE_VERSION_UNCHANGED,
    breaks: [hlf(3)],
    description: 'After a successful firmware update (Update Result 1, /5/0/7 shows the new version) /3/0/3 Firmware Version still reads the old version.',
  },
  {
    name: FaultHook.PULL_DOWNLOAD_REFUSED,
    breaks: [hlf(4)],
    description: 'The device claims push and pull delivery (/5/0/9 = 2) but answers every coap:// Package URI write with Update Result 9 (unsupported protocol) and never fetches the package.',
  },
  {
    name: FaultHook.NO_UPDATE_RESULT_AFTER_BAD_PACKAGE,
    breaks: [hlf(5)],
    description: 'A package that fails the integrity check returns State to Idle but leaves /5/0/5 Update Result at 0 instead of 5: the failure is never reported.',
  },
  {
    name: FaultHook.POWER_SOURCE_COUNTS_INCONSISTENT,
    breaks: [hlf(6)],
    description: '/3/0/6 Available Power Sources lists two sources, but /3/0/7 Voltage and /3/0/8 Current have one instance each.',
  },
  {
    name: FaultHook.ERROR_CODE_NOT_REPORTED,
    breaks: [hlf(7)],
    description: 'An error raised on the device (a stimulus) never reaches /3/0/11 Error Code: it stays 0 and observers get no notification.',
  },
  {
    name: FaultHook.REBOOT_SKIPS_REGISTER,
    breaks: [hlf(8)],
    description: 'Exec /3/0/4 answers 2.04 and the device restarts (observations are lost), but it resumes the old registration with an Update instead of sending a new Register.',
  },
  {
    name: FaultHook.FACTORY_RESET_KEEPS_CONFIG,
    breaks: [hlf(9)],
    description: 'Exec /3/0/5 answers 2.04 and the device restarts, but server settings written before (lifetime /1/0/1, Disable Timeout...) survive: the new Register carries the written lifetime, not the factory one.',
  },
  {
    name: FaultHook.DISABLE_WITHOUT_DEREGISTER,
    breaks: [hlf(10)],
    description: 'Exec /1/0/4 makes the device go silent for the Disable Timeout and register again afterwards, but it never sends the De-register first: the server keeps a stale registration.',
  },
  {
    name: FaultHook.IGNORE_DISABLE_TIMEOUT,
    breaks: [hlf(10), hlf(39)],
    description: 'Exec /1/0/4 de-registers, then the device registers again at once instead of staying away for /1/0/5 Disable Timeout.',
  },
  {
    name: FaultHook.NEVER_RETURNS_AFTER_DISABLE,
    breaks: [hlf(40)],
    description: 'Exec /1/0/4 de-registers and the device stays silent, but it never registers again when the Disable Timeout ends (only a power cycle brings it back).',
  },
  {
    name: FaultHook.ACTUATOR_SWITCH_NO_EFFECT,
    breaks: [hlf(11)],
    description: 'A Write to /3311/x/5850 On/Off answers 2.04 but the output is not switched: reading it back gives the old state.',
  },
  {
    name: FaultHook.LIFETIME_WRITE_NOT_APPLIED,
    breaks: [hlf(12)],
    description: 'A Write to /1/0/1 Lifetime answers 2.04 and reads back, but the device never sends the Update with the new lt and keeps its old Update period.',
  },
  {
    name: FaultHook.IGNORE_UPDATE_TRIGGER,
    breaks: [hlf(13)],
    description: 'Exec /1/0/8 Registration Update Trigger answers 2.04 but no Update follows.',
  },
  {
    name: FaultHook.BINDING_WITHOUT_UDP,
    breaks: [hlf(14)],
    description: 'The device talks over UDP but registers with b=S and an sms number, claiming an SMS-only binding: the server is told not to use IP.',
  },
  {
    name: FaultHook.SMS_NUMBER_MISSING,
    breaks: [hlf(15)],
    description: 'With an SMS binding (/1/0/7 written to US, or configured) the Register and Update carry b=US but no sms= MSISDN, so the server cannot reach the device by SMS.',
  },
  {
    name: FaultHook.SMS_NO_CONCATENATION,
    breaks: [hlf(15)],
    description: 'The SMS driver knows no concatenation: an answer longer than 140 octets (a Read of /3/0 by SMS) goes as one SMS cut at 140 octets, without the concatenation header, so the server receives a truncated payload.',
  },
  {
    name: FaultHook.REGISTER_INSTEAD_OF_UPDATE,
    breaks: [hlf(16)],
    description: 'The device keeps no registration session: where an Update is due (lifetime, Exec /1/0/8, a changed setting) it sends a new Register instead.',
  },
  {
    name: FaultHook.NON_CONFIRMABLE_REQUESTS_IGNORED,
    breaks: [hlf(17)],
    description: 'Non-confirmable requests from the server get no answer at all; only confirmable ones are served.',
  },
  {
    name: FaultHook.IGNORE_PMAX,
    breaks: [hlf(19)],
    description: 'Observations with pmax get no notification when nothing changes: only value changes are notified.',
  },
  {
    name: FaultHook.NOTIFY_BEFORE_PMIN,
    breaks: [hlf(20), hlf(22)],
    description: 'A value change is notified at once even when pmin has not passed since the last notification.',
  },
  {
    name: FaultHook.OBJECT_LEVEL_ATTRIBUTES_IGNORED,
    breaks: [hlf(22)],
    description: 'pmin/pmax written on an object or an object instance are stored (Discover shows them) but observations of its resources ignore them; only resource-level attributes and the /1/0/2,3 defaults act.',
  },
  {
    name: FaultHook.IGNORE_GT_LT,
    breaks: [hlf(21), hlf(24)],
    description: 'gt and lt are accepted by Write-Attributes but ignored: every change is notified, crossing a threshold or not.',
  },
  {
    name: FaultHook.IGNORE_ST,
    breaks: [hlf(24)],
    description: 'st (step) is accepted by Write-Attributes but ignored: every change is notified, however small.',
  },
  {
    name: FaultHook.IGNORE_OBSERVE_CANCEL,
    breaks: [hlf(19), hlf(20)],
    description: 'A GET with Observe=1 (cancel) is answered 2.05 with the value, but the observation keeps running: notifications with its token go on until the server answers one with RST.',
  },
  {
    name: FaultHook.IGNORE_RST_ON_NOTIFICATION,
    breaks: [hlf(19), hlf(20)],
    description: 'An RST answering a notification is taken for an ACK: the observation is never cancelled and the device goes on notifying a server that has forgotten it.',
  },
  {
    name: FaultHook.DISCOVER_WITHOUT_ATTRIBUTES,
    breaks: [hlf(23)],
    description: 'Discover answers the links but leaves out the attributes written with Write-Attributes (pmin, pmax, gt...).',
  },
  {
    name: FaultHook.NO_SIGNAL_STRENGTH,
    breaks: [hlf(25)],
    description: '/4/0/2 Radio Signal Strength is missing (Read gives 4.04, instance reads leave it out).',
  },
  {
    name: FaultHook.CONNECTIVITY_READ_FAILS,
    breaks: [hlf(26), hlf(27)],
    description: 'Reading (or observing) the whole /4/0 instance answers 5.00; its single resources still read.',
  },
  {
    name: FaultHook.CONNECTIVITY_NOT_OBSERVABLE,
    breaks: [hlf(27)],
    description: 'Observe on /4/0 or its resources is answered like a plain Read (no Observe option) and no notification ever follows.',
  },
  {
    name: FaultHook.CELL_ID_MISSING,
    breaks: [hlf(28)],
    description: 'On an LTE bearer (/4/0/0 = 6) /4/0/8 Cell ID is missing (Read gives 4.04).',
  },
  {
    name: FaultHook.NO_REGISTRATION_UPDATE,
    breaks: [hlf(30)],
    description: 'The device never sends a Registration Update: the registration expires at its lifetime while the device is on, so the server sees a wrong device state.',
  },
  {
    name: FaultHook.QUEUE_WAKE_WITHOUT_UPDATE,
    breaks: [hlf(31)],
    description: 'In queue mode (binding UQ) the device wakes up and listens again without sending an Update, so the server is never told it is awake.',
  },
  {
    name: FaultHook.WRITE_READ_ONLY,
    breaks: [hlf(32)],
    description: 'A Write to a read-only resource (e.g. /3/0/2 Serial Number) answers 2.04 and changes it instead of 4.05.',
  },
  {
    name: FaultHook.EXECUTE_READABLE_RESOURCE,
    breaks: [hlf(32)],
    description: 'An Execute on a readable, non-executable resource (e.g. /3/0/2) answers 2.04 instead of 4.05.',
  },
  {
    name: FaultHook.READ_EXECUTE_ONLY,
    breaks: [hlf(32)],
    description: 'A Read of an execute-only resource (e.g. /3/0/4 Reboot) answers 2.05 with an empty value instead of 4.05.',
  },
  {
    name: FaultHook.MULTI_INSTANCE_READ_ONE,
    breaks: [hlf(33)],
    description: 'A Read of an object with several instances (e.g. /3303 after a Create) returns only the first instance.',
  },
  {
    name: FaultHook.CREATE_REJECTED,
    breaks: [hlf(34)],
    description: 'Create on any object answers 4.05 Method Not Allowed, even where the object allows new instances.',
  },
  {
    name: FaultHook.INSTANCE_READ_ONE_RESOURCE,
    breaks: [hlf(35)],
    description: 'A Read of an object instance (e.g. /3/0) returns only its first readable resource.',
  },
  {
    name: FaultHook.NO_RETRANSMISSION,
    breaks: [hlf(36)],
    description: 'Confirmable requests from the device (Register, Update) are sent once and never retransmitted when the ACK is lost.',
  },
  {
    name: FaultHook.NO_ACK_TO_CON,
    breaks: [hlf(36)],
    description: 'Confirmable requests from the server get no ACK: the device answers with a separate non-confirmable response instead of a piggybacked ACK.',
  },
  {
    name: FaultHook.WRONG_IP_ADDRESS,
    breaks: [hlf(37)],
    description: '/4/0/4 IP Addresses reports a fixed private address (192.168.1.77) instead of the address the server sees the device at.',
  },
  {
    name: FaultHook.ACL_IGNORED,
    breaks: [AZ_033],
    description: 'With several servers, the Access Control objects are not checked: a server without rights on an instance can read, write and execute it instead of getting 4.01.',
  },
  {
    name: FaultHook.NOSEC_ONLY,
    breaks: [SEC_001],
    description: 'Given a coaps:// server account with a PSK, the device ignores its security mode and sends plain CoAP (its Register) to the secure port: no DTLS session is ever set up.',
  },
  {
    name: FaultHook.ACCEPTS_REPLAYED_RECORD,
    breaks: [SEC_002],
    description: "The device's DTLS layer has no replay window: a protected record from the server replayed later is decrypted and answered again.",
  },
  {
    name: FaultHook.ACCEPTS_ANY_SERVER_KEY,
    breaks: [AT_001],
    description: "The device completes the DTLS handshake without verifying the server's Finished: a server that proves a wrong key for the device's identity is accepted and application data follows.",
  },
  {
    name: FaultHook.SKIPS_MAC_CHECK,
    breaks: [DI_001],
    description: 'Once the DTLS session is up the device uses records whose MAC/tag does not verify: a record altered on the path is decrypted and acted on (a bit-flipped Write arrives as a Read and is answered).',
  },
  {
    name: FaultHook.PLAINTEXT_AFTER_HANDSHAKE,
    breaks: [CF_001],
    description: 'A debug path left on: beside each protected Register and Update the device also sends the same CoAP message in clear to the secure port (the server drops it, but the endpoint name and object list cross the network readable).',
  },
]);

export function findFault(name: string): FaultProfile | undefined {
  return FAULT_CATALOGUE.find((f) => f.name === name);
}

/** The catalogue as `lwm2m-hil faults --json` prints it: exactly name, breaks, description. */
export function catalogueJson(): Array<{ name: string; breaks: string[]; description: string }> {
  return FAULT_CATALOGUE.map(({ name, breaks, description }) => ({ name, breaks: [...breaks], description }));
}
