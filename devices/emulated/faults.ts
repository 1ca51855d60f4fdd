/**
 * Hook points where a fault profile makes the emulated client deviate from the specification. The client
 * checks `faults.has(FaultHook.X)` at each point. A fault's name in the catalogue (fault-catalogue.ts) is the
 * hook's value, so `--fault NAME` turns on exactly one hook.
 */
export const FaultHook = {
  // Identity and addressing
  SERIAL_CHANGES_ON_REBOOT: 'serial-changes-on-reboot',
  REGISTER_LINKS_BY_NAME: 'register-links-by-name',
  // Firmware update
  FIRMWARE_VERSION_UNCHANGED: 'firmware-version-unchanged',
  PULL_DOWNLOAD_REFUSED: 'pull-download-refused',
  NO_UPDATE_RESULT_AFTER_BAD_PACKAGE: 'no-update-result-after-bad-package',
  // Device object
  POWER_SOURCE_COUNTS_INCONSISTENT: 'power-source-counts-inconsistent',
  ERROR_CODE_NOT_REPORTED: 'error-code-not-reported',
  REBOOT_SKIPS_REGISTER: 'reboot-skips-register',
  FACTORY_RESET_KEEPS_CONFIG: 'factory-reset-keeps-config',
  // Server object: disable, configuration, triggers
  DISABLE_WITHOUT_DEREGISTER: 'disable-without-deregister',
  IGNORE_DISABLE_TIMEOUT: 'ignore-disable-timeout',
  NEVER_RETURNS_AFTER_DISABLE: 'never-returns-after-disable',
  ACTUATOR_SWITCH_NO_EFFECT: 'actuator-switch-no-effect',
  LIFETIME_WRITE_NOT_APPLIED: 'lifetime-write-not-applied',
  IGNORE_UPDATE_TRIGGER: 'ignore-update-trigger',
  // Transport and registration
  BINDING_WITHOUT_UDP: 'binding-without-udp',
  SMS_NUMBER_MISSING: 'sms-number-missing',
  SMS_NO_CONCATENATION: 'sms-no-concatenation',
  REGISTER_INSTEAD_OF_UPDATE: 'register-instead-of-update',
  NON_CONFIRMABLE_REQUESTS_IGNORED: 'non-confirmable-requests-ignored',
  DISCOVER_WITHOUT_ATTRIBUTES: 'discover-without-attributes',
  NO_REGISTRATION_UPDATE: 'no-registration-update',
  QUEUE_WAKE_WITHOUT_UPDATE: 'queue-wake-without-update',
  // Information reporting
  IGNORE_PMAX: 'ignore-pmax',
  NOTIFY_BEFORE_PMIN: 'notify-before-pmin',
  OBJECT_LEVEL_ATTRIBUTES_IGNORED: 'object-level-attributes-ignored',
  IGNORE_GT_LT: 'ignore-gt-lt',
  IGNORE_ST: 'ignore-st',
  IGNORE_OBSERVE_CANCEL: 'ignore-observe-cancel',
  IGNORE_RST_ON_NOTIFICATION: 'ignore-rst-on-notification',
  // Connectivity monitoring
  NO_SIGNAL_STRENGTH: 'no-signal-strength',
  CONNECTIVITY_READ_FAILS: 'connectivity-read-fails',
  CONNECTIVITY_NOT_OBSERVABLE: 'connectivity-not-observable',
  CELL_ID_MISSING: 'cell-id-missing',
  WRONG_IP_ADDRESS: 'wrong-ip-address',
  // Device management operations
  WRITE_READ_ONLY: 'accept-write-to-read-only',
  EXECUTE_READABLE_RESOURCE: 'execute-readable-resource',
  READ_EXECUTE_ONLY: 'read-execute-only',
  MULTI_INSTANCE_READ_ONE: 'multi-instance-read-one',
  CREATE_REJECTED: 'create-rejected',
  INSTANCE_READ_ONE_RESOURCE: 'instance-read-one-resource',
  ACL_IGNORED: 'acl-ignored',
  // CoAP reliability
  NO_RETRANSMISSION: 'no-retransmission',
  NO_ACK_TO_CON: 'no-ack-to-con',
  // DTLS with PSK (security suite)
  NOSEC_ONLY: 'nosec-only',
  ACCEPTS_REPLAYED_RECORD: 'accepts-replayed-record',
  SKIPS_MAC_CHECK: 'skips-mac-check',
  ACCEPTS_ANY_SERVER_KEY: 'accepts-any-server-key',
  PLAINTEXT_AFTER_HANDSHAKE: 'plaintext-after-handshake',
} as const;

export type FaultName = (typeof FaultHook)[keyof typeof FaultHook];
export type FaultSet = ReadonlySet<string>;

const ALL: ReadonlySet<string> = new Set(Object.values(FaultHook));

export function isFaultName(name: string): name is FaultName {
  return ALL.has(name);
}
