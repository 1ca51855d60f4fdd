/** RFC 7641 §3.4: how long a sequence number comparison is trusted; after this any notification is newer. */
export const OBSERVE_FRESHNESS_WINDOW_MS = 128_000;

const HALF_RANGE = 2 ** 23;

/**
 * True when a notification (sequence v2 received at t2) is newer than the last one (v1 at t1), using the
 * 24-bit serial-number comparison with the 128-second escape hatch of RFC 7641 §3.4.
 */
export function isNewerNotification(v1: number, t1: number, v2: number, t2: number): boolean {
  return (v1 < v2 && v2 - v1 < HALF_RANGE) || (v1 > v2 && v1 - v2 > HALF_RANGE) || t2 > t1 + OBSERVE_FRESHNESS_WINDOW_MS;
}
