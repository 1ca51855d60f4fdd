/**
 * Hook points where a fault profile makes the emulated client deviate from the specification. The client
 * checks `faults.has(name)` at each point; the fault catalogue (next step) maps profile names to these.
 */
export const FaultHook = {
  /** Accept a Write to a read-only resource instead of 4.05 (breaks HLF-032). */
  WRITE_READ_ONLY: 'accept-write-to-read-only',
  /** Send notifications without waiting for pmin (breaks HLF-020/022). */
  NOTIFY_BEFORE_PMIN: 'notify-before-pmin',
  /** Never send the periodic pmax notification (breaks HLF-019). */
  IGNORE_PMAX: 'ignore-pmax',
  /** Register again right after Disable instead of waiting the Disable Timeout (breaks HLF-010/039/040). */
  IGNORE_DISABLE_TIMEOUT: 'ignore-disable-timeout',
  /** Never send Registration Updates: the registration expires (breaks HLF-023/030). */
  NO_REGISTRATION_UPDATE: 'no-registration-update',
  /** A new serial number after every reboot (breaks HLF-001). */
  SERIAL_CHANGES_ON_REBOOT: 'serial-changes-on-reboot',
  /** Ignore Exec /1/x/8 (breaks HLF-013). */
  IGNORE_UPDATE_TRIGGER: 'ignore-update-trigger',
} as const;

export type FaultName = (typeof FaultHook)[keyof typeof FaultHook] | (string & {});
export type FaultSet = ReadonlySet<FaultName>;
